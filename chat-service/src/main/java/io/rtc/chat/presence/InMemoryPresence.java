package io.rtc.chat.presence;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Uni;

/** Presence of a single instance, in its memory. */
public final class InMemoryPresence implements Presence {

    private final String instanceId;
    private final long claimMillis;
    private final Clock clock;
    private final Map<String, Map<String, Member>> rooms = new ConcurrentHashMap<>();
    private final Map<String, Long> claims = new ConcurrentHashMap<>();

    public InMemoryPresence(String instanceId, Duration tokenLifetime, Clock clock) {
        this.instanceId = instanceId;
        this.claimMillis = tokenLifetime.toMillis();
        this.clock = clock;
    }

    @Override
    public Uni<Void> join(String room, String connectionId) {
        rooms.computeIfAbsent(room, r -> new ConcurrentHashMap<>())
                .put(connectionId, new Member(connectionId, instanceId, clock.instant().toString()));
        return Uni.createFrom().voidItem();
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
