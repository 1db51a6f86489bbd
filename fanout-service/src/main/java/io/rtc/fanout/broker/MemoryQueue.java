package io.rtc.fanout.broker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.rtc.fanout.message.LogMessage;

/** One queue of a {@link MemoryBroker}. Every method runs under the broker's lock. */
final class MemoryQueue {

    /** A message in this queue; {@code seq} is its place, kept when it is requeued. */
    record Entry(long seq, LogMessage message) {
    }

    final String name;
    /** Where a rejected message goes, or null: it is then dropped. */
    final MemoryQueue deadLetter;
    final List<MemoryConsumption> consumers = new ArrayList<>();
    private final ArrayDeque<Entry> ready = new ArrayDeque<>();
    private long nextSeq;
    private int turn;
    private boolean deleted;

    MemoryQueue(String name, MemoryQueue deadLetter) {
        this.name = name;
        this.deadLetter = deadLetter;
    }

    void enqueue(LogMessage message) {
        if (!deleted) {
            ready.addLast(new Entry(nextSeq++, message));
        }
    }

    /** Hands ready messages to the consumers that have room, in turn; records who got some in {@code served}. */
    void dispatch(Set<MemoryConsumption> served) {
        while (!ready.isEmpty()) {
            MemoryConsumption next = null;
            for (int i = 0; i < consumers.size() && next == null; i++) {
                MemoryConsumption candidate = consumers.get((turn + i) % consumers.size());
                if (candidate.hasRoom()) {
                    next = candidate;
                    turn = (turn + i + 1) % consumers.size();
                }
            }
            if (next == null) {
                return;
            }
            next.assign(ready.pollFirst());
            served.add(next);
        }
    }

    /** Puts messages taken back from consumers at the front, in the order they first had. */
    void requeue(List<Entry> entries) {
        if (deleted || entries.isEmpty()) {
            return;
        }
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(ready);
        all.sort(Comparator.comparingLong(Entry::seq));
        ready.clear();
        ready.addAll(all);
    }

    void delete() {
        deleted = true;
        ready.clear();
    }

    /** Ready only: what consumers hold unacknowledged is not counted, as RabbitMQ's message_count. */
    QueueStats stats() {
        return new QueueStats(name, ready.size(), consumers.stream().filter(c -> !c.paused()).count());
    }

    /** Every message still in the queue, held by a consumer or ready, in queue order. */
    List<LogMessage> messages() {
        List<Entry> all = new ArrayList<>(ready);
        consumers.forEach(consumer -> all.addAll(consumer.unsettled()));
        all.sort(Comparator.comparingLong(Entry::seq));
        return all.stream().map(Entry::message).toList();
    }
}
