package io.rtc.common.signalr;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;

/**
 * Where a MessagePack body is packed before its length prefix can be written: a growable byte
 * array the packer writes into directly. One per thread, reused: the server encodes on several
 * event loops at once. The packer itself is new for each message (it is a few fields), so that
 * no view of the array it may still hold, after a failed write say, outlives its message. A
 * buffer grown by a large message is dropped afterwards: a thread keeps at most {@link #KEPT} bytes.
 */
final class PackBuffer implements MessageBufferOutput {

    private static final int INITIAL = 1024;
    private static final int KEPT = 64 * 1024;
    private static final ThreadLocal<PackBuffer> LOCAL = ThreadLocal.withInitial(PackBuffer::new);

    private byte[] bytes = new byte[INITIAL];
    private int size;
    private boolean busy;

    /** The thread's buffer, or a fresh one should a write ever run inside another on the same thread. */
    static PackBuffer acquire() {
        PackBuffer buffer = LOCAL.get();
        if (buffer.busy) {
            return new PackBuffer();
        }
        buffer.busy = true;
        return buffer;
    }

    /** Packs {@code message}; {@link #bytes()} and {@link #size()} are then the body. */
    void pack(HubMessage message) {
        try {
            MessagePacker packer = MessagePack.DEFAULT_PACKER_CONFIG.newPacker(this);
            MessagePackMessageWriter.write(packer, message);
            packer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    /** Ready for the next message, whether this one was packed or failed. */
    void release() {
        size = 0;
        if (bytes.length > KEPT) {
            bytes = new byte[INITIAL];
        }
        busy = false;
    }

    @Override
    public MessageBuffer next(int minimumSize) {
        ensure(Math.max(minimumSize + 1, 512));
        return MessageBuffer.wrap(bytes, size, bytes.length - size);
    }

    @Override
    public void writeBuffer(int length) {
        size += length;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        ensure(length);
        System.arraycopy(buffer, offset, bytes, size, length);
        size += length;
    }

    @Override
    public void add(byte[] buffer, int offset, int length) {
        write(buffer, offset, length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    private void ensure(int free) {
        if (bytes.length - size < free) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + free);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("A MessagePack message cannot be 2GB or more.");
            }
            byte[] grown = new byte[(int) wanted];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }
    }
}
