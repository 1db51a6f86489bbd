package io.rtc.cli.bench.echo;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the messages of one event loop and checks their replies, reusing its arrays.
 * A message is {@code size} ASCII bytes: the per-connection sequence number as 8 hex digits, then
 * a fixed letter pattern. The expected reply is {@code "Server Response: "} + message for text,
 * the message itself for binary. Not thread-safe: one instance per event loop.
 */
final class EchoPayload {

    static final int SEQ_DIGITS = 8;
    static final int MIN_SIZE = SEQ_DIGITS;
    static final int MAX_SIZE = 64 * 1024;
    static final String TEXT_PREFIX = "Server Response: ";

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final boolean binary;
    private final byte[] message;
    private final byte[] reply;
    private final int replySeqOffset;
    private final byte[] chunk;

    EchoPayload(int size, boolean binary) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between " + MIN_SIZE + " and " + MAX_SIZE);
        }
        this.binary = binary;
        this.message = new byte[size];
        for (int i = SEQ_DIGITS; i < size; i++) {
            // A rotating pattern, so a shifted or truncated echo cannot match by accident.
            message[i] = (byte) ('a' + i % 26);
        }
        byte[] prefix = binary ? new byte[0] : TEXT_PREFIX.getBytes(StandardCharsets.US_ASCII);
        this.reply = new byte[prefix.length + size];
        System.arraycopy(prefix, 0, reply, 0, prefix.length);
        System.arraycopy(message, 0, reply, prefix.length, size);
        this.replySeqOffset = prefix.length;
        this.chunk = new byte[reply.length];
    }

    boolean binary() {
        return binary;
    }

    int replyLength() {
        return reply.length;
    }

    String text(long seq) {
        writeSeq(message, 0, seq);
        return new String(message, StandardCharsets.ISO_8859_1);
    }

    /** A fresh buffer each time: Vert.x may still hold it after the write call returns. */
    Buffer binary(long seq) {
        byte[] copy = message.clone();
        writeSeq(copy, 0, seq);
        return Buffer.buffer(copy);
    }

    /**
     * Whether {@code data} equals bytes {@code [offset, offset + data.length())} of the reply to
     * message {@code seq}. Called per frame, so a reply split over several frames is checked piecewise.
     */
    boolean matches(Buffer data, int offset, long seq) {
        int length = data.length();
        if (offset + length > reply.length) {
            return false;
        }
        writeSeq(reply, replySeqOffset, seq);
        data.getBytes(0, length, chunk, 0);
        return Arrays.equals(chunk, 0, length, reply, offset, offset + length);
    }

    private static void writeSeq(byte[] target, int at, long seq) {
        for (int i = SEQ_DIGITS - 1, shift = 0; i >= 0; i--, shift += 4) {
            target[at + i] = HEX[(int) (seq >>> shift) & 0xf];
        }
    }
}
