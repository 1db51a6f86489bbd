package io.rtc.chat.hub;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import io.netty.util.concurrent.EventExecutor;
import io.rtc.chat.protocol.SharedFrame;

/**
 * The rooms' members connected to this instance. Joining a room's first member and leaving its
 * last are reported inside the map's per-key lock, so the backplane is asked to subscribe and
 * unsubscribe in exactly the order the membership changed, even across event loops.
 */
public final class LocalRooms {

    private final Map<String, Set<HubMember>> rooms = new ConcurrentHashMap<>();

    /** Adds the member; runs {@code onFirst} when the room had no local member. False if already in. */
    public boolean join(String room, HubMember member, Runnable onFirst) {
        boolean[] added = new boolean[1];
        rooms.compute(room, (name, members) -> {
            Set<HubMember> set = members;
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                onFirst.run();
            }
            added[0] = set.add(member);
            return set;
        });
        return added[0];
    }

    /** Removes the member; runs {@code onLast} when no local member remains. False if it was not in. */
    public boolean leave(String room, HubMember member, Runnable onLast) {
        boolean[] removed = new boolean[1];
        rooms.computeIfPresent(room, (name, members) -> {
            removed[0] = members.remove(member);
            if (members.isEmpty()) {
                onLast.run();
                return null;
            }
            return members;
        });
        return removed[0];
    }

    /**
     * Sends a frame to every local member of the room; returns how many it went to. The record is
     * encoded once per protocol for all of them; the caller keeps (and releases) its reference. Members are grouped by the event loop that owns them and each
     * loop gets one task for its group: a write from a foreign thread would otherwise cost a task
     * per member.
     */
    public int deliver(String room, SharedFrame frame) {
        Set<HubMember> members = rooms.get(room);
        if (members == null || members.isEmpty()) {
            return 0;
        }
        {
            Map<EventExecutor, List<HubMember>> byLoop = new IdentityHashMap<>(4);
            int count = 0;
            for (HubMember member : members) {
                EventExecutor loop = member.loop();
                if (loop == null) {
                    member.send(frame);
                } else {
                    byLoop.computeIfAbsent(loop, l -> new ArrayList<>(members.size())).add(member);
                }
                count++;
            }
            byLoop.forEach((loop, group) -> {
                if (loop.inEventLoop()) {
                    group.forEach(member -> member.send(frame)); // flushed with the read that caused it
                } else {
                    frame.retain();
                    loop.execute(() -> {
                        try {
                            group.forEach(member -> member.send(frame));
                        } finally {
                            frame.release();
                        }
                    });
                }
            });
            return count;
        }
    }

    /** Runs {@code action} for every (room, member) pair on this instance. */
    public void forEachMember(BiConsumer<String, HubMember> action) {
        rooms.forEach((room, members) -> members.forEach(member -> action.accept(room, member)));
    }

    public int size(String room) {
        Set<HubMember> members = rooms.get(room);
        return members == null ? 0 : members.size();
    }

    public List<String> names() {
        return List.copyOf(rooms.keySet());
    }
}
