package io.rtc.chat.protocol;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One record bound for many members, encoded to UTF-8 once. Each member's connection writes a
 * retained view of the same bytes as a text frame, so a room of a thousand costs one encoding, not
 * a thousand. Reference-counted: the creator releases its reference once every member was handed
 * a view.
 */
public final class SharedFrame {

    private final String record;
    private final ByteBuf encoded;

    public SharedFrame(String record) {
        this.record = record;
        byte[] payload = record.getBytes(StandardCharsets.UTF_8);
        this.encoded = ByteBufAllocator.DEFAULT.directBuffer(payload.length).writeBytes(payload);
    }

    /** The record as text, for a connection that cannot take the encoded bytes. */
    public String record() {
        return record;
    }

    /** A view of the encoded record that the caller owns (and the write releases). */
    public ByteBuf view() {
        return encoded.retainedDuplicate();
    }

    /** Keeps the bytes alive for one more holder (a task on another event loop). */
    public SharedFrame retain() {
        encoded.retain();
        return this;
    }

    public void release() {
        encoded.release();
    }
}
