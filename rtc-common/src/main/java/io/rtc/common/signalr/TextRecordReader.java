package io.rtc.common.signalr;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Splits JSON records at the 0x1E separator. Works on bytes: 0x1E never occurs inside a multi-byte
 * UTF-8 character, so a character cut by a frame boundary is whole again in the record, which the
 * parser decodes. A record inside one chunk is handed over as a slice, without a copy; only a
 * record spanning chunks is copied, into a buffer that grows with what arrives, up to the limit.
 */
final class TextRecordReader implements RecordReader {

    static final byte SEPARATOR = 0x1e;

    private final int maxMessageSize;
    /** The handshake's reader: it stops after one record, leaving the rest to the protocol's reader. */
    private final boolean single;
    private boolean finished;
    private ByteBuf partial;

    TextRecordReader(int maxMessageSize, boolean single) {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
        this.single = single;
    }

    @Override
    public void feed(ByteBuf bytes, RecordConsumer records) throws InvalidMessageException {
        while (!finished && bytes.isReadable()) {
            int start = bytes.readerIndex();
            int limit = bytes.writerIndex();
            int end = bytes.indexOf(start, limit, SEPARATOR);
            if (end < 0) {
                hold(bytes, start, limit - start);
                return;
            }
            int length = end - start;
            bytes.readerIndex(end + 1);
            finished = single;
            if (partial == null) {
                checkSize(length);
                records.accept(bytes.slice(start, length));
            } else {
                ByteBuf record = partial;
                partial = null;
                checkSize(record.readableBytes() + length);
                record.writeBytes(bytes, start, length);
                try {
                    records.accept(record);
                } finally {
                    record.release();
                }
            }
        }
    }

    @Override
    public int pending() {
        return partial == null ? 0 : partial.readableBytes();
    }

    private void hold(ByteBuf bytes, int start, int length) throws InvalidMessageException {
        checkSize(pending() + length);
        if (partial == null) {
            partial = Unpooled.buffer(length, maxMessageSize);
        }
        partial.writeBytes(bytes, start, length);
        bytes.readerIndex(start + length);
    }

    private void checkSize(int size) throws MessageTooLargeException {
        if (size > maxMessageSize) {
            throw new MessageTooLargeException(maxMessageSize);
        }
    }
}
