package io.rtc.common.signalr;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Splits MessagePack records at their VarInt length prefixes. The length is checked against the
 * limit as soon as its prefix is complete, before any of the body is buffered. A body inside one
 * chunk is handed over as a slice; one spanning chunks is copied into a buffer that grows with what
 * arrives, so a prefix that promises much and delivers little costs only what it delivered.
 */
final class BinaryRecordReader implements RecordReader {

    private final int maxMessageSize;
    /** Bits of the length prefix read so far, and how many of its bytes. */
    private int prefix;
    private int prefixBytes;
    /** The body's length once the prefix is complete, else -1. */
    private int length = -1;
    private ByteBuf partial;

    BinaryRecordReader(int maxMessageSize) {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void feed(ByteBuf bytes, RecordConsumer records) throws InvalidMessageException {
        while (bytes.isReadable()) {
            if (length < 0) {
                readPrefix(bytes);
                if (length == 0) {
                    length = -1;
                    records.accept(Unpooled.EMPTY_BUFFER);
                }
            } else if (partial == null && bytes.readableBytes() >= length) {
                int start = bytes.readerIndex();
                int size = length;
                bytes.skipBytes(size);
                length = -1;
                records.accept(bytes.slice(start, size));
            } else {
                collect(bytes, records);
            }
        }
    }

    @Override
    public int pending() {
        return prefixBytes + (partial == null ? 0 : partial.readableBytes());
    }

    @Override
    public void end() throws InvalidMessageException {
        if (prefixBytes > 0) {
            throw new InvalidMessageException("The input ended inside a message's length prefix.");
        }
        RecordReader.super.end();
    }

    private void readPrefix(ByteBuf bytes) throws InvalidMessageException {
        while (bytes.isReadable()) {
            int b = bytes.readUnsignedByte();
            prefix = VarInt.accumulate(prefix, prefixBytes++, b);
            if ((b & 0x80) == 0) {
                if (prefix > maxMessageSize) {
                    throw new MessageTooLargeException(maxMessageSize);
                }
                length = prefix;
                prefix = 0;
                prefixBytes = 0;
                return;
            }
        }
    }

    private void collect(ByteBuf bytes, RecordConsumer records) throws InvalidMessageException {
        if (partial == null) {
            partial = Unpooled.buffer(Math.min(length, bytes.readableBytes()), length);
        }
        int take = Math.min(length - partial.readableBytes(), bytes.readableBytes());
        partial.writeBytes(bytes, take);
        if (partial.readableBytes() == length) {
            ByteBuf record = partial;
            partial = null;
            length = -1;
            try {
                records.accept(record);
            } finally {
                record.release();
            }
        }
    }
}
