package io.rtc.common.signalr;

import io.netty.buffer.ByteBuf;

/**
 * The MessagePack protocol's length prefix: 7 bits a byte, least significant first, the high bit
 * set on every byte but the last; at most 5 bytes, for lengths up to 2^31-1.
 */
public final class VarInt {

    static final int MAX_BYTES = 5;

    private VarInt() {
    }

    /** {@code payload} framed as one record of the MessagePack protocol, whatever it holds (tests send malformed ones). */
    public static byte[] frame(byte[] payload) {
        byte[] framed = new byte[size(payload.length) + payload.length];
        System.arraycopy(payload, 0, framed, write(payload.length, framed, 0), payload.length);
        return framed;
    }

    static int size(int value) {
        int size = 1;
        while ((value >>>= 7) != 0) {
            size++;
        }
        return size;
    }

    static void write(int value, ByteBuf out) {
        while ((value & ~0x7f) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    /** Writes at {@code offset}; returns the offset after the prefix. */
    static int write(int value, byte[] out, int offset) {
        while ((value & ~0x7f) != 0) {
            out[offset++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out[offset++] = (byte) value;
        return offset;
    }

    /**
     * Adds the {@code index}th byte (0-based) to the bits read so far; the caller stops at the first
     * byte without the high bit. Rejects a sixth byte and a value over 2^31-1 at the fifth.
     */
    static int accumulate(int value, int index, int b) throws InvalidMessageException {
        if (index == MAX_BYTES - 1) {
            if ((b & 0x80) != 0) {
                throw new InvalidMessageException("The message's length prefix is longer than 5 bytes.");
            }
            if (b > 0x07) {
                throw new InvalidMessageException("The message's length prefix is over 2147483647: messages of 2GB or more are not supported.");
            }
        }
        return value | (b & 0x7f) << (7 * index);
    }
}
