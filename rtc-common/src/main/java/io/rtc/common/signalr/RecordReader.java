package io.rtc.common.signalr;

import io.netty.buffer.ByteBuf;

/**
 * Splits a byte stream into records. A record may span frames or chunks and a chunk may hold
 * several; bytes waiting for the rest of their record are bounded by the reader's size limit.
 * One reader per connection: it keeps the partial record between feeds and is not thread-safe.
 */
public interface RecordReader {

    /**
     * Feeds bytes and calls {@code records} with each complete record's payload, in order. Consumes
     * the bytes it reads (moves the reader index); never releases nor retains {@code bytes}. The
     * payload handed over is valid only during the call: copy or retain what must outlive it.
     */
    void feed(ByteBuf bytes, RecordConsumer records) throws InvalidMessageException;

    /** Bytes buffered towards an incomplete record. */
    int pending();

    /**
     * The input ended where a record must end too (the end of a WebSocket message, for a peer that
     * never splits records, or of a whole buffer): fails when part of a record is left.
     */
    default void end() throws InvalidMessageException {
        if (pending() > 0) {
            throw new InvalidMessageException("The input ended inside a message (" + pending() + " bytes of it arrived).");
        }
    }

    @FunctionalInterface
    interface RecordConsumer {
        void accept(ByteBuf record) throws InvalidMessageException;
    }
}
