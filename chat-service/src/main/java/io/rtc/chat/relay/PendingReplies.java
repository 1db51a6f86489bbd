package io.rtc.chat.relay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Forwarded requests waiting for their reply, by correlation id, each with its deadline. Not thread
 * safe: one event loop owns it. Polls wait longer than sends and deletes, so each of the two keeps
 * its own map in insertion order, which is deadline order too: a sweep looks only at the heads of
 * the maps instead of at every request, and no request needs a timer of its own.
 */
final class PendingReplies {

    private record Waiting(long deadlineNanos, Consumer<RelayReply> done) {
    }

    private final Map<Long, Waiting> quick = new LinkedHashMap<>();
    private final Map<Long, Waiting> polls = new LinkedHashMap<>();
    private final long quickNanos;
    private final long pollNanos;
    private final int capacity;

    PendingReplies(long quickNanos, long pollNanos, int capacity) {
        this.quickNanos = quickNanos;
        this.pollNanos = pollNanos;
        this.capacity = capacity;
    }

    /** Waits for the reply to {@code id}; false (nothing added) when {@code capacity} requests already wait. */
    boolean add(long id, RelayRequest.Kind kind, long nowNanos, Consumer<RelayReply> done) {
        if (size() >= capacity) {
            return false;
        }
        boolean poll = kind == RelayRequest.Kind.POLL;
        (poll ? polls : quick).put(id, new Waiting(nowNanos + (poll ? pollNanos : quickNanos), done));
        return true;
    }

    /** Hands the reply to whoever waits for {@code id}; false when nobody does (it timed out, or was answered). */
    boolean complete(long id, RelayReply reply) {
        Waiting waiting = quick.remove(id);
        if (waiting == null) {
            waiting = polls.remove(id);
        }
        if (waiting == null) {
            return false;
        }
        waiting.done().accept(reply);
        return true;
    }

    /** Answers every request whose deadline has passed with {@code reply}; returns how many. */
    int expire(long nowNanos, RelayReply reply) {
        return expire(quick, nowNanos, reply) + expire(polls, nowNanos, reply);
    }

    /** Answers every waiting request with {@code reply} (the relay stopped). */
    void failAll(RelayReply reply) {
        List<Waiting> all = new ArrayList<>(quick.values());
        all.addAll(polls.values());
        quick.clear();
        polls.clear();
        all.forEach(waiting -> waiting.done().accept(reply));
    }

    int size() {
        return quick.size() + polls.size();
    }

    private static int expire(Map<Long, Waiting> map, long nowNanos, RelayReply reply) {
        List<Waiting> expired = new ArrayList<>();
        for (Iterator<Waiting> it = map.values().iterator(); it.hasNext();) {
            Waiting waiting = it.next();
            if (waiting.deadlineNanos() - nowNanos > 0) {
                break;
            }
            it.remove();
            expired.add(waiting);
        }
        // answered after the walk: whatever the answer sets off may not touch a map being walked
        expired.forEach(waiting -> waiting.done().accept(reply));
        return expired.size();
    }
}
