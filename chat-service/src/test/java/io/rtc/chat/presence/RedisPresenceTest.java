package io.rtc.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.rtc.chat.backplane.RedisLink;
import io.rtc.chat.support.RedisProbe;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Presence over two "instances" (two RedisPresence objects with their own ids and links, both
 * heartbeating) on the shared Redis: who is where, counted over both; rooms unlisted when their
 * last member leaves; the members of an instance whose heartbeat stops vanish after instanceTtl and
 * are deleted from Redis; a connection token can be claimed once.
 */
class RedisPresenceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration INSTANCE_TTL = Duration.ofSeconds(1);
    private static final long HEARTBEAT_MS = 200;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<Redis> clients = new ArrayList<>();
    private final List<RedisLink> links = new ArrayList<>();
    private final List<String> rooms = new ArrayList<>();
    private Vertx vertx;
    private RedisProbe probe;
    private Instance one;
    private Instance two;
    private final HeldBack twoGate = new HeldBack();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        probe = new RedisProbe(vertx, RedisProbe.sharedUrl());
        one = new Instance("presence-" + run + "-1", client -> client);
        two = new Instance("presence-" + run + "-2", twoGate::wrap);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String room : rooms) {
            probe.send(Command.DEL, "chat:members:" + room);
            probe.send(Command.SREM, "chat:rooms", room);
        }
        probe.send(Command.ZREM, "chat:instances", one.id, two.id);
        one.stopHeartbeat();
        two.stopHeartbeat();
        links.forEach(RedisLink::close);
        clients.forEach(Redis::close);
        probe.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void membersAndRoomsAreCountedOverBothInstances() {
        String room = room("lobby");
        String c1 = "c1-" + run;
        String c2 = "c2-" + run;
        Instant before = Instant.now();
        done(one.presence.join(room, c1));
        done(two.presence.join(room, c2));

        for (Presence asker : List.of(one.presence, two.presence)) {
            List<Member> members = done(asker.members(room));
            assertThat(members).extracting(Member::connectionId, Member::instance)
                    .containsExactlyInAnyOrder(tuple(c1, one.id), tuple(c2, two.id));
            assertThat(members).allSatisfy(m -> assertThat(Instant.parse(m.joinedAt())).isBetween(before.minusSeconds(1), Instant.now()));
            assertThat(summary(asker, room)).isEqualTo(new RoomSummary(room, 2));
        }
    }

    @Test
    void leavingUpdatesTheCountsAndARoomWhoseLastMemberLeftIsNoLongerListed() {
        String room = room("leaving");
        String other = room("other");
        String c1 = "c1-" + run;
        String c2 = "c2-" + run;
        done(one.presence.join(room, c1));
        done(two.presence.join(room, c2));
        done(two.presence.join(other, c2));

        done(one.presence.leave(room, c1));
        assertThat(done(two.presence.members(room))).extracting(Member::connectionId).containsExactly(c2);
        assertThat(summary(one.presence, room)).isEqualTo(new RoomSummary(room, 1));

        done(two.presence.leave(room, c2));
        assertThat(done(one.presence.members(room))).isEmpty();
        assertThat(done(one.presence.rooms())).extracting(RoomSummary::name).doesNotContain(room).contains(other);
        assertThat(done(two.presence.rooms())).extracting(RoomSummary::name).doesNotContain(room);
        assertThat(probe.number(Command.SISMEMBER, "chat:rooms", room)).as("room name left in chat:rooms").isZero();
        assertThat(probe.number(Command.EXISTS, "chat:members:" + room)).isZero();
        // leaving one room is not leaving the others
        assertThat(summary(two.presence, other)).isEqualTo(new RoomSummary(other, 1));
    }

    @Test
    void membersOfAnInstanceWhoseHeartbeatStoppedVanishOnceInstanceTtlPassesAndAreDeleted() {
        String room = room("shared");
        String onlyOnTwo = room("only-two");
        String c1 = "c1-" + run;
        String c2 = "c2-" + run;
        String c3 = "c3-" + run;
        done(one.presence.join(room, c1));
        done(two.presence.join(room, c2));
        done(two.presence.join(onlyOnTwo, c3));
        assertThat(summary(one.presence, onlyOnTwo)).isEqualTo(new RoomSummary(onlyOnTwo, 1));

        long lastBeat = two.stopHeartbeat(); // "instance two" crashes: nobody leaves its rooms
        // still counted right after: its last heartbeat is recent
        assertThat(done(one.presence.members(room))).extracting(Member::connectionId).containsExactlyInAnyOrder(c1, c2);

        await().atMost(INSTANCE_TTL.plus(WAIT)).pollInterval(Duration.ofMillis(50))
                .until(() -> done(one.presence.members(room)).stream().noneMatch(m -> m.connectionId().equals(c2)));
        long gone = System.currentTimeMillis();
        assertThat(gone - lastBeat).as("ms from the last heartbeat to the members vanishing").isGreaterThanOrEqualTo(INSTANCE_TTL.toMillis());
        assertThat(done(one.presence.members(room))).extracting(Member::connectionId).containsExactly(c1);
        assertThat(probe.number(Command.HEXISTS, "chat:members:" + room, c2)).as("dead member left in the hash").isZero();
        assertThat(probe.number(Command.HEXISTS, "chat:members:" + room, c1)).isOne();

        // a room with dead members only is no longer listed, and is forgotten in Redis
        assertThat(done(one.presence.rooms())).extracting(RoomSummary::name).doesNotContain(onlyOnTwo).contains(room);
        assertThat(summary(one.presence, room)).isEqualTo(new RoomSummary(room, 1));
        assertThat(probe.number(Command.EXISTS, "chat:members:" + onlyOnTwo)).isZero();
        assertThat(probe.number(Command.SISMEMBER, "chat:rooms", onlyOnTwo)).isZero();
    }

    @Test
    void aConnectionTokenCanBeClaimedOnceOverAllInstances() {
        String connectionId = "claim-" + run;
        assertThat(done(one.presence.claim(connectionId))).isTrue();
        assertThat(done(one.presence.claim(connectionId))).isFalse();
        assertThat(done(two.presence.claim(connectionId))).isFalse();
        assertThat(done(two.presence.claim(connectionId + "-other"))).isTrue();
        assertThat(probe.number(Command.TTL, "chat:connection:" + connectionId)).as("claim expires with the token")
                .isBetween(1L, Duration.ofMinutes(5).toSeconds());
        probe.send(Command.DEL, "chat:connection:" + connectionId, "chat:connection:" + connectionId + "-other");
    }

    @Test
    void aJoinRacingTheLastLeaveOfTheRoomIsNeverLost() {
        // instance two's commands for a join reach Redis some time apart (separate packets, a busy
        // network); meanwhile the room's last member leaves on instance one
        String room = room("race");
        String leaving = "leaving-" + run;
        String joining = "joining-" + run;
        done(one.presence.join(room, leaving));

        twoGate.holdAllButTheFirstCommandOfThisThread();
        Uni<Void> join = two.presence.join(room, joining);
        twoGate.stopHolding();
        done(one.presence.leave(room, leaving));
        twoGate.release();
        done(join);

        assertThat(done(one.presence.members(room))).extracting(Member::connectionId).containsExactly(joining);
        assertThat(summary(two.presence, room))
                .as("room %s has member %s, but rooms() (GET /api/rooms) does not list it; in chat:rooms: %s", room, joining,
                        probe.number(Command.SISMEMBER, "chat:rooms", room))
                .isEqualTo(new RoomSummary(room, 1));
    }

    private RoomSummary summary(Presence presence, String room) {
        return done(presence.rooms()).stream().filter(s -> s.name().equals(room)).findFirst().orElse(null);
    }

    private String room(String name) {
        String room = "presence-test-" + run + "-" + name;
        rooms.add(room);
        return room;
    }

    private static <T> T done(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    /** A RedisPresence with its own link, heartbeating like HubServices does. */
    private final class Instance {

        final String id;
        final RedisPresence presence;
        final AtomicLong lastBeat = new AtomicLong();
        private long timer = -1;

        Instance(String id, UnaryOperator<Redis> wrapper) {
            this.id = id;
            Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(RedisProbe.sharedUrl()));
            clients.add(client);
            client = wrapper.apply(client);
            RedisLink link = new RedisLink(id + "-commands", vertx, client, Duration.ofMillis(100), Duration.ofSeconds(1));
            links.add(link);
            link.start();
            await().atMost(WAIT).until(link::up);
            presence = new RedisPresence(id, link, INSTANCE_TTL, Duration.ofMinutes(5), Clock.systemUTC());
            beat();
            done(presence.heartbeat());
            timer = vertx.setPeriodic(HEARTBEAT_MS, t -> beat());
        }

        private void beat() {
            lastBeat.set(System.currentTimeMillis());
            presence.heartbeat().subscribe().with(ok -> {
            }, e -> {
            });
        }

        /** Stops heartbeating; the time of the last heartbeat sent. */
        long stopHeartbeat() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            return lastBeat.get();
        }
    }

    /**
     * Network timing on demand: wraps a Redis client so that, while holding, the commands one
     * thread sends after its first are kept back (in order) until {@link #release()}, as if they
     * reached Redis later. Everything else passes straight through.
     */
    static final class HeldBack {

        private final List<Runnable> held = new ArrayList<>();
        private Thread holding;
        private int seen;

        synchronized void holdAllButTheFirstCommandOfThisThread() {
            holding = Thread.currentThread();
            seen = 0;
        }

        synchronized void stopHolding() {
            holding = null;
        }

        void release() {
            List<Runnable> sends;
            synchronized (this) {
                sends = new ArrayList<>(held);
                held.clear();
            }
            sends.forEach(Runnable::run);
        }

        @SuppressWarnings("unchecked")
        Redis wrap(Redis client) {
            return proxy(Redis.class, client, (method, args) -> {
                Object result = method.invoke(client, args);
                if (method.getName().equals("connect") && args == null) {
                    return ((Future<RedisConnection>) result).map(this::wrapConnection);
                }
                return result;
            });
        }

        private RedisConnection wrapConnection(RedisConnection connection) {
            return proxy(RedisConnection.class, connection, (method, args) -> {
                if (method.getName().equals("send") && args != null && args.length == 1 && args[0] instanceof Request) {
                    synchronized (this) {
                        if (Thread.currentThread() == holding && seen++ >= 1) {
                            Promise<Response> answer = Promise.promise();
                            held.add(() -> connection.send((Request) args[0]).onComplete(answer));
                            return answer.future();
                        }
                    }
                }
                return method.invoke(connection, args);
            });
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, T target, Call call) {
            return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (self, method, args) -> {
                try {
                    return call.invoke(method, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }

        @FunctionalInterface
        private interface Call {
            Object invoke(java.lang.reflect.Method method, Object[] args) throws Exception;
        }
    }
}
