package io.rtc.chat.backplane;

import static io.rtc.chat.backplane.RedisBackplaneTest.done;
import static io.rtc.chat.backplane.RedisBackplaneTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.rtc.chat.backplane.RedisBackplaneTest.Frame;
import io.rtc.chat.backplane.RedisBackplaneTest.Inbox;
import io.rtc.chat.support.PrivateRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Redis goes away and comes back (a private redis-server, restarted on the same port): the
 * backplanes notice, refuse to publish meanwhile, reconnect by themselves within 5 s with the
 * default reconnect delays, and subscribe again to every room, including one joined during the
 * outage.
 */
class RedisBackplaneRestartTest {

    /** ChatConfig's defaults: chat.reconnect-min-delay and chat.reconnect-max-delay. */
    private static final Duration MIN_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_DELAY = Duration.ofSeconds(1);
    private static final Duration BACK_WITHIN = Duration.ofSeconds(5);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<RedisBackplane> backplanes = new ArrayList<>();
    private final List<Redis> clients = new ArrayList<>();
    private Vertx vertx;
    private PrivateRedis redis;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        redis = PrivateRedis.launch();
    }

    @AfterEach
    void tearDown() throws Exception {
        backplanes.forEach(RedisBackplane::stop);
        clients.forEach(Redis::close);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.close();
    }

    @Test
    void backplanesReconnectAndResubscribeWithinFiveSecondsOfRedisComingBack() throws Exception {
        Inbox inboxA = new Inbox();
        Inbox inboxB = new Inbox();
        RedisBackplane a = backplane("a-" + run, inboxA);
        RedisBackplane b = backplane("b-" + run, inboxB);
        String room = "restart-" + run;
        String joinedDuringOutage = "restart-" + run + "-late";
        done(a.subscribe(room));
        done(b.subscribe(room));
        done(a.publish(room, record("alice", "before")));
        inboxB.awaitFrame(room, record("alice", "before"));

        redis.stop();

        await().atMost(Duration.ofSeconds(5)).until(() -> !a.connected() && !b.connected());
        assertThatThrownBy(() -> a.publish(room, record("alice", "while down")).await().atMost(Duration.ofSeconds(5)))
                .as("publishing while Redis is down fails at once")
                .isNotInstanceOf(io.smallrye.mutiny.TimeoutException.class);
        // joining a room meanwhile is not refused (local members still talk); Redis learns of it on reconnect
        done(b.subscribe(joinedDuringOutage));
        // stays down while Redis is down: no false "connected", and the retry delay grows to its maximum
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !a.connected() && !b.connected());

        long restarted = System.nanoTime();
        redis.start();

        await().atMost(left(restarted)).pollInterval(Duration.ofMillis(20)).until(() -> a.connected() && b.connected());
        // B re-sent its SUBSCRIBEs when it reconnected; A publishes until one arrives (Redis drops what no one hears)
        int[] sent = { 0 };
        await().atMost(left(restarted)).pollInterval(Duration.ofMillis(50)).until(() -> {
            int n = ++sent[0];
            a.publish(room, record("alice", "after " + n)).subscribe().with(ok -> {
            }, e -> {
            });
            a.publish(joinedDuringOutage, record("alice", "late " + n)).subscribe().with(ok -> {
            }, e -> {
            });
            return inboxB.frames().stream().anyMatch(f -> f.room().equals(room) && f.frame().contains("\"after "))
                    && inboxB.frames().stream().anyMatch(f -> f.room().equals(joinedDuringOutage) && f.frame().contains("\"late "));
        });
        System.out.printf("backplanes connected and delivering %d ms after redis-server was started again%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted));

        // and A still gets B's frames: both directions work again
        done(a.publish(room, record("alice", "final")));
        done(b.publish(room, record("bob", "reply")));
        inboxA.awaitFrame(room, record("bob", "reply"));
        inboxB.awaitFrame(room, record("alice", "final"));
        assertThat(inboxA.frames()).as("A never hears itself").allMatch(f -> f.frame().contains("\"bob\""));
        assertThat(inboxB.frames()).doesNotContain(new Frame(room, record("alice", "while down")));
    }

    private Duration left(long since) {
        Duration left = BACK_WITHIN.minusNanos(System.nanoTime() - since);
        return left.isNegative() ? Duration.ofMillis(1) : left;
    }

    private RedisBackplane backplane(String instanceId, Inbox inbox) {
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redis.url())
                .setMaxPoolSize(4).setMaxWaitingHandlers(1 << 16));
        clients.add(client);
        RedisBackplane backplane = new RedisBackplane(instanceId,
                new RedisLink(instanceId + "-subscriber", vertx, client, MIN_DELAY, MAX_DELAY),
                new RedisLink(instanceId + "-publisher", vertx, client, MIN_DELAY, MAX_DELAY));
        backplane.receiver(inbox);
        backplanes.add(backplane);
        backplane.start();
        await().atMost(Duration.ofSeconds(5)).until(backplane::connected);
        return backplane;
    }
}
