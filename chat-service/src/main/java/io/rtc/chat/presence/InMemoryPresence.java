package io.rtc.chat.presence;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Uni;

/** Presence of a single instance, in its memory. */
public final class InMemoryPresence implements Presence {

    private final String instanceId;
    private final long claimMillis;
    private final Clock clock;
    private final Map<String, Map<String, Member>> rooms = new ConcurrentHashMap<>();
    private final Map<String, Long> claims = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> users = new ConcurrentHashMap<>();

    public InMemoryPresence(String instanceId, Duration tokenLifetime, Clock clock) {
        this.instanceId = instanceId;
        this.claimMillis = tokenLifetime.toMillis();
        this.clock = clock;
    }

    @Override
    public Uni<Void> join(String room, String connectionId, String userId, String name) {
        rooms.computeIfAbsent(room, r -> new ConcurrentHashMap<>())
                .put(connectionId, new Member(connectionId, instanceId, clock.instant().toString(), userId, name));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Boolean> connectUser(String userId, String connectionId, int max) {
        boolean[] added = new boolean[1];
        users.compute(userId, (user, connections) -> {
            Set<String> set = connections == null ? new HashSet<>() : connections;
            if (max <= 0 || set.size() < max || set.contains(connectionId)) {
                added[0] = true;
                set.add(connectionId);
            }
            return set;
        });
        return Uni.createFrom().item(added[0]);
    }

    @Override
    public Uni<Void> disconnectUser(String userId, String connectionId) {
        users.computeIfPresent(userId, (user, connections) -> {
            connections.remove(connectionId);
            return connections.isEmpty() ? null : connections;
        });
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Integer> userConnections(String userId) {
        Set<String> connections = users.get(userId);
        return Uni.createFrom().item(connections == null ? 0 : connections.size());
    }

    @Override
    public Uni<Void> leave(String room, String connectionId) {
        rooms.computeIfPresent(room, (r, members) -> {
            members.remove(connectionId);
            return members.isEmpty() ? null : members;
        });
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<List<RoomSummary>> rooms() {
        List<RoomSummary> summaries = new ArrayList<>();
        rooms.forEach((room, members) -> summaries.add(new RoomSummary(room, members.size())));
        summaries.removeIf(summary -> summary.members() == 0);
        summaries.sort(Comparator.comparing(RoomSummary::name));
        return Uni.createFrom().item(summaries);
    }

    @Override
    public Uni<List<Member>> members(String room) {
        Map<String, Member> members = rooms.getOrDefault(room, Map.of());
        List<Member> list = new ArrayList<>(members.values());
        list.sort(Comparator.comparing(Member::joinedAt).thenComparing(Member::connectionId));
        return Uni.createFrom().item(list);
    }

    @Override
    public Uni<Boolean> claim(String connectionId) {
        long now = clock.millis();
        Long previous = claims.putIfAbsent(connectionId, now + claimMillis);
        return Uni.createFrom().item(previous == null);
    }

    @Override
    public Uni<Void> retire() {
        rooms.clear();
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> heartbeat() {
        long now = clock.millis();
        claims.values().removeIf(expiry -> expiry < now);
        return Uni.createFrom().voidItem();
    }
}
