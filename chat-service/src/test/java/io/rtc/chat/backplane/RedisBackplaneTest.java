package io.rtc.chat.backplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.rtc.chat.support.RedisProbe;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Two (or three) backplanes with different instance ids on the shared Redis, each with its own
 * links, as separate chat-service instances would be: what one publishes reaches the others'
 * receivers with the room, never its own, in order, and only while subscribed.
 */
class RedisBackplaneTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<RedisBackplane> backplanes = new ArrayList<>();
    private final List<Redis> clients = new ArrayList<>();
    private Vertx vertx;
    private RedisProbe probe;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        probe = new RedisProbe(vertx, RedisProbe.sharedUrl());
    }

    @AfterEach
    void tearDown() throws Exception {
        backplanes.forEach(RedisBackplane::stop);
        clients.forEach(Redis::close);
        probe.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void subscribeCompletesOnceRedisHasTheSubscription() {
        RedisBackplane a = backplane("a-" + run, new Inbox());
        String room = room("subscribe");
        assertThat(probe.subscribers(channel(room))).isZero();

        done(a.subscribe(room));

        assertThat(probe.subscribers(channel(room))).as("subscribers of the room's channel, right after subscribe completed")
                .isEqualTo(1);
    }

    @Test
    void aFrameReachesTheOtherInstanceWithItsRoomButNotThePublisher() {
        Inbox inboxA = new Inbox();
        Inbox inboxB = new Inbox();
        // one id a prefix of the other: the origin check must compare whole ids
        RedisBackplane a = backplane("node-" + run, inboxA);
        RedisBackplane b = backplane("node-" + run + "0", inboxB);
        String room = room("lobby");
        done(a.subscribe(room));
        done(b.subscribe(room));
        String fromA = record("alice", "hello from A\nsecond line, \"quoted\", ünïcødé ✓");

        done(a.publish(room, fromA));
        inboxB.awaitFrame(room, fromA);

        String fromB = record("bob", "hello from B");
        done(b.publish(room, fromB));
        inboxA.awaitFrame(room, fromB);
        // Redis queued A's own frame to A's subscriber before B even published: had it come back, it would be here already
        assertThat(inboxA.frames()).containsExactly(new Frame(room, fromB));
        assertThat(inboxB.frames()).containsExactly(new Frame(room, fromA));
    }

    @Test
    void afterUnsubscribingAnInstanceGetsNothingMoreWhileOthersStillDo() {
        Inbox inboxB = new Inbox();
        Inbox inboxC = new Inbox();
        RedisBackplane a = backplane("a-" + run, new Inbox());
        RedisBackplane b = backplane("b-" + run, inboxB);
        RedisBackplane c = backplane("c-" + run, inboxC);
        String room = room("leaving");
        String marker = room("marker");
        done(b.subscribe(room));
        done(c.subscribe(room));
        done(a.publish(room, "before"));
        inboxB.awaitFrame(room, "before");
        inboxC.awaitFrame(room, "before");

        b.unsubscribe(room);
        // B's link sends in order: once this later subscription is confirmed, Redis has also done the unsubscribe
        done(b.subscribe(marker));
        done(a.publish(room, "after"));
        done(a.publish(marker, "marker"));

        inboxC.awaitFrame(room, "after");
        inboxB.awaitFrame(marker, "marker");
        assertThat(inboxB.frames()).containsExactly(new Frame(room, "before"), new Frame(marker, "marker"));
        assertThat(probe.subscribers(channel(room))).isEqualTo(1);

        // and subscribing again brings the room back
        done(b.subscribe(room));
        done(a.publish(room, "again"));
        inboxB.awaitFrame(room, "again");
        inboxC.awaitFrame(room, "again");
    }

    @Test
    void manyRoomsEachFrameArrivesInItsOwnRoomOnly() {
        Inbox inboxB = new Inbox();
        RedisBackplane a = backplane("a-" + run, new Inbox());
        RedisBackplane b = backplane("b-" + run, inboxB);
        int count = 300;
        List<String> rooms = new ArrayList<>();
        List<Uni<Void>> subscriptions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rooms.add(room("many-" + i));
            subscriptions.add(b.subscribe(rooms.get(i)));
        }
        Uni.join().all(subscriptions).andFailFast().await().atMost(Duration.ofSeconds(10));
        for (int i = 0; i < count; i++) {
            assertThat(probe.subscribers(channel(rooms.get(i)))).as("subscribers of room %d", i).isEqualTo(1);
        }

        String elsewhere = room("not-subscribed");
        done(a.publish(elsewhere, "nobody here"));
        Set<Frame> expected = new HashSet<>();
        List<Uni<Void>> published = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String frame = record("user" + i, "message for room " + i);
            expected.add(new Frame(rooms.get(i), frame));
            published.add(a.publish(rooms.get(i), frame));
        }
        Uni.join().all(published).andFailFast().await().atMost(Duration.ofSeconds(10));

        await().atMost(WAIT).until(() -> inboxB.frames().size() >= count);
        assertThat(inboxB.frames()).hasSize(count);
        assertThat(new HashSet<>(inboxB.frames())).isEqualTo(expected);
    }

    @Test
    void framesFromOnePublisherArriveInTheOrderTheyWereSent() {
        Inbox inboxB = new Inbox();
        RedisBackplane a = backplane("a-" + run, new Inbox());
        RedisBackplane b = backplane("b-" + run, inboxB);
        String room = room("ordered");
        done(b.subscribe(room));
        List<Frame> sent = new ArrayList<>();
        List<Uni<Void>> published = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String frame = record("alice", "message " + i);
            sent.add(new Frame(room, frame));
            published.add(a.publish(room, frame)); // not waiting in between: pipelined on A's publisher link
        }
        Uni.join().all(published).andFailFast().await().atMost(Duration.ofSeconds(10));

        await().atMost(WAIT).until(() -> inboxB.frames().size() >= sent.size());
        assertThat(inboxB.frames()).containsExactlyElementsOf(sent);
    }

    private RedisBackplane backplane(String instanceId, Inbox inbox) {
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(RedisProbe.sharedUrl())
                .setMaxPoolSize(4).setMaxWaitingHandlers(1 << 16));
        clients.add(client);
        RedisLink subscriber = new RedisLink(instanceId + "-subscriber", vertx, client, Duration.ofMillis(100), Duration.ofSeconds(1));
        RedisLink publisher = new RedisLink(instanceId + "-publisher", vertx, client, Duration.ofMillis(100), Duration.ofSeconds(1));
        RedisBackplane backplane = new RedisBackplane(instanceId, subscriber, publisher);
        backplane.receiver(inbox);
        backplanes.add(backplane);
        backplane.start();
        await().atMost(WAIT).until(backplane::connected);
        return backplane;
    }

    private String room(String name) {
        return "bp-test-" + run + "-" + name;
    }

    private static String channel(String room) {
        return RedisBackplane.CHANNEL_PREFIX + room;
    }

    /** A ReceiveMessage record as the hub publishes it. */
    static String record(String user, String message) {
        return "{\"type\":1,\"target\":\"ReceiveMessage\",\"arguments\":[\"" + user + "\",\"" + message + "\"]}\u001e";
    }

    static <T> T done(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    record Frame(String room, String frame) {
    }

    /** A receiver that keeps what it got, in order. */
    static final class Inbox implements Backplane.RoomFrameReceiver {

        private final List<Frame> frames = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(String room, String frame) {
            frames.add(new Frame(room, frame));
        }

        List<Frame> frames() {
            return List.copyOf(frames);
        }

        void awaitFrame(String room, String frame) {
            Frame wanted = new Frame(room, frame);
            await().atMost(WAIT).until(() -> frames.contains(wanted));
        }
    }
}
