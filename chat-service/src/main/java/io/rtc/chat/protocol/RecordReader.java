package io.rtc.chat.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Splits what a client sends into records at the 0x1E separator. A record may span WebSocket
 * frames and messages, and one frame may hold several records. The split works on bytes (0x1E
 * never occurs inside a multi-byte UTF-8 character), so a character cut by a frame boundary stays
 * whole; each record is then decoded strictly. Bytes still waiting for their separator are bounded
 * by the hub's message size limit, so a client cannot make the server buffer without end.
 */
public final class RecordReader {

    private static final byte SEPARATOR = 0x1e;

    private final int maxRecordSize;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private ByteBuf pending;

    public RecordReader(int maxRecordSize) {
        this.maxRecordSize = maxRecordSize;
    }

    /** Feeds the payload of one frame; hands each complete record to {@code onRecord}, in order. */
    public void feed(ByteBuf data, RecordHandler onRecord) throws InvalidMessageException {
        int start = data.readerIndex();
        int limit = data.writerIndex();
        while (start < limit) {
            int end = data.indexOf(start, limit, SEPARATOR);
            if (end < 0) {
                hold(data, start, limit);
                return;
            }
            String record;
            if (pending != null) {
                checkSize(pending.readableBytes() + end - start);
                pending.writeBytes(data, start, end - start);
                record = decode(pending.nioBuffer());
                pending = null;
            } else {
                checkSize(end - start);
                record = decode(data.nioBuffer(start, end - start));
            }
            onRecord.accept(record);
            start = end + 1;
        }
    }

    /** True when part of a record is still waiting for the rest. */
    public boolean hasPartialRecord() {
        return pending != null;
    }

    private void hold(ByteBuf data, int start, int limit) throws InvalidMessageException {
        int held = pending == null ? 0 : pending.readableBytes();
        checkSize(held + limit - start);
        if (pending == null) {
            pending = Unpooled.buffer(limit - start);
        }
        pending.writeBytes(data, start, limit - start);
    }

    private String decode(ByteBuffer bytes) throws InvalidMessageException {
        try {
            return utf8.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidMessageException("Message is not valid UTF-8.");
        }
    }

    private void checkSize(int size) throws InvalidMessageException {
        if (size > maxRecordSize) {
            throw new MessageTooLargeException(maxRecordSize);
        }
    }

    /** Receives each complete record; may reject it as a protocol violation. */
    @FunctionalInterface
    public interface RecordHandler {
        void accept(String record) throws InvalidMessageException;
    }

    /** A record over the limit: SignalR closes the connection, and so do we (with 1009). */
    public static final class MessageTooLargeException extends InvalidMessageException {
        public MessageTooLargeException(int limit) {
            super("The maximum message size of " + limit + "B was exceeded.");
        }
    }
}
