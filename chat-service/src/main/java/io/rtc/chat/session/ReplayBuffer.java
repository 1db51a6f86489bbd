package io.rtc.chat.session;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;

/**
 * Stateful reconnect's outbound half: every trackable record sent, numbered from 1, kept until the
 * client acknowledges it, so that after a reconnect the unacknowledged ones are sent again. Bounded
 * in bytes; used on the session's event loop only.
 */
final class ReplayBuffer {

    private record Entry(long sequenceId, ByteBuf record) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final long limit;
    private long bytes;
    private long nextSequenceId = 1;

    ReplayBuffer(long limit) {
        this.limit = limit;
    }

    /** Keeps a record the caller handed over (a retained view); false once the buffer holds more than its bound. */
    boolean add(ByteBuf record) {
        entries.add(new Entry(nextSequenceId++, record));
        bytes += record.readableBytes();
        return bytes <= limit;
    }

    /** The client has everything up to {@code sequenceId}: those records are let go. */
    void ack(long sequenceId) {
        while (!entries.isEmpty() && entries.peek().sequenceId() <= sequenceId) {
            Entry acked = entries.poll();
            bytes -= acked.record().readableBytes();
            acked.record().release();
        }
    }

    /** The id the resent records start from: the oldest unacknowledged one, or the next one when all were acknowledged. */
    long resendFrom() {
        return entries.isEmpty() ? nextSequenceId : entries.peek().sequenceId();
    }

    /** Hands a view of each unacknowledged record, oldest first, to {@code write} (which owns it). */
    void replay(Consumer<ByteBuf> write) {
        entries.forEach(entry -> write.accept(entry.record().retainedDuplicate()));
    }

    long bytes() {
        return bytes;
    }

    void clear() {
        entries.forEach(entry -> entry.record().release());
        entries.clear();
        bytes = 0;
    }
}
