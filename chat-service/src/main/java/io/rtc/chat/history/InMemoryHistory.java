package io.rtc.chat.history;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.mutiny.Uni;

/** History in this instance's memory, capped per room: for the single-instance, no-Redis mode. */
public final class InMemoryHistory implements History {

    private final int capacity;
    private final Map<String, Deque<ChatMessage>> rooms = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    public InMemoryHistory(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public Uni<ChatMessage> append(String room, String user, String message) {
        Instant now = Instant.now();
        ChatMessage entry = new ChatMessage(now.toEpochMilli() + "-" + sequence.incrementAndGet(), user, message, now.toString());
        Deque<ChatMessage> messages = rooms.computeIfAbsent(room, r -> new ArrayDeque<>());
        synchronized (messages) {
            messages.addLast(entry);
            while (messages.size() > capacity) {
                messages.removeFirst();
            }
        }
        return Uni.createFrom().item(entry);
    }

    @Override
    public Uni<List<ChatMessage>> latest(String room, int limit) {
        Deque<ChatMessage> messages = rooms.get(room);
        if (messages == null) {
            return Uni.createFrom().item(List.of());
        }
        List<ChatMessage> newestFirst = new ArrayList<>(limit);
        synchronized (messages) {
            Iterator<ChatMessage> it = messages.descendingIterator();
            while (it.hasNext() && newestFirst.size() < limit) {
                newestFirst.add(it.next());
            }
        }
        List<ChatMessage> oldestFirst = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            oldestFirst.add(newestFirst.get(i));
        }
        return Uni.createFrom().item(oldestFirst);
    }
}
