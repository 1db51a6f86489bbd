package io.rtc.cli.signalr;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} (the WHATWG Server-Sent Events format) as the SignalR SSE
 * transport uses it: unnamed events whose {@code data:} lines, joined with a line feed, are the
 * bytes of the hub records; an empty line ends an event. Lines may end with CR, LF or CRLF, and a CRLF
 * may be cut between chunks. Comment lines (a leading colon: the server's keep-alives) and the other
 * fields ({@code event}, {@code id}, {@code retry}) are skipped. An event bigger than the limit fails,
 * so a server that never ends one cannot make the client hoard memory. One stream each; not thread-safe.
 */
final class EventStreamParser {

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);

    private final int maxEventBytes;
    private final ByteBuf line = Unpooled.buffer(128);
    private final ByteBuf data = Unpooled.buffer(256);
    private boolean hasData;
    /** The last chunk ended with CR: a LF at the start of the next one belongs to it. */
    private boolean afterCr;

    EventStreamParser(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Consumes {@code chunk} and hands over the data of each complete event, valid during the call.
     *
     * @throws HubException when a line or an event exceeds the limit
     */
    void feed(ByteBuf chunk, Consumer<ByteBuf> events) {
        while (chunk.isReadable()) {
            if (afterCr && chunk.getByte(chunk.readerIndex()) == '\n') {
                chunk.skipBytes(1);
            }
            afterCr = false;
            int end = chunk.forEachByte(ByteProcessor.FIND_CRLF);
            if (end < 0) {
                append(line, chunk, chunk.readableBytes());
                return;
            }
            int length = end - chunk.readerIndex();
            if (line.isReadable()) {
                append(line, chunk, length);
                onLine(line, events);
                line.clear();
            } else {
                // The whole line is in this chunk: read it where it is, without a copy.
                onLine(chunk.slice(chunk.readerIndex(), length), events);
                chunk.skipBytes(length);
            }
            afterCr = chunk.readByte() == '\r';
        }
    }

    private void onLine(ByteBuf line, Consumer<ByteBuf> events) {
        if (!line.isReadable()) {
            if (hasData) {
                hasData = false;
                try {
                    events.accept(data);
                } finally {
                    data.clear();
                }
            }
            return;
        }
        int colon = line.indexOf(line.readerIndex(), line.writerIndex(), (byte) ':');
        if (colon == line.readerIndex() || !isData(line, colon < 0 ? line.writerIndex() : colon)) {
            return; // a comment, or a field SignalR does not use
        }
        line.readerIndex(colon < 0 ? line.writerIndex() : colon + 1);
        if (line.isReadable() && line.getByte(line.readerIndex()) == ' ') {
            line.skipBytes(1);
        }
        if (hasData) {
            data.writeByte('\n');
        }
        hasData = true;
        append(data, line, line.readableBytes());
    }

    private static boolean isData(ByteBuf line, int nameEnd) {
        if (nameEnd - line.readerIndex() != DATA.length) {
            return false;
        }
        for (int i = 0; i < DATA.length; i++) {
            if (line.getByte(line.readerIndex() + i) != DATA[i]) {
                return false;
            }
        }
        return true;
    }

    private void append(ByteBuf to, ByteBuf from, int length) {
        if (to.readableBytes() + length > maxEventBytes) {
            throw new HubException("the server sent an event of more than " + maxEventBytes + " bytes");
        }
        to.writeBytes(from, length);
    }
}
