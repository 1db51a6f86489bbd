package io.rtc.chat.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.rtc.chat.relay.RelayRequest.Kind;
import io.rtc.chat.support.RedisProbe;
import io.rtc.testsupport.Ports;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;

/**
 * Two relays with different instance ids on the shared Redis, each with its own links, as two
 * chat-service instances would be: B forwards requests for a connection A holds and gets A's
 * handler's replies; unknown, released and orphaned connections get 404 at once; a silent holder 503.
 */
class RedisRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration FAST = Duration.ofSeconds(1);
    /** Short, so the timeout test is quick; polls wait 2 s more than that. */
    private static final RelaySettings SETTINGS = new RelaySettings(Duration.ofMillis(300), Duration.ofSeconds(2), 1000);

    private final List<RelayRequest> served = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private TestRelays relays;
    private RedisProbe probe;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        relays = new TestRelays(vertx);
        probe = new RedisProbe(vertx, RedisProbe.sharedUrl());
    }

    @AfterEach
    void tearDown() throws Exception {
        relays.close();
        if (relays.holderKeys().length > 0) {
            probe.send(Command.DEL, relays.holderKeys());
        }
        probe.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aForwardedRequestGetsTheHoldersReplyByteForByte() {
        byte[] sent = bytes(0, 300);
        byte[] answered = bytes(7, 1000);
        List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
        RedisRelay a = relay("a", request -> {
            served.add(request);
            onEventLoop.add(Context.isOnEventLoopThread());
            return Uni.createFrom().item(new RelayReply(200, "application/x-msgpack", answered));
        });
        RedisRelay b = relay("b", null);
        String connection = held(a, "binary");

        RelayReply reply = done(b.forward(new RelayRequest(Kind.SEND, connection, sent)));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/x-msgpack");
        assertThat(reply.body()).isEqualTo(answered);
        assertThat(served).hasSize(1);
        assertThat(served.get(0).kind()).isEqualTo(Kind.SEND);
        assertThat(served.get(0).connectionId()).isEqualTo(connection);
        assertThat(served.get(0).body()).isEqualTo(sent);
        assertThat(onEventLoop).containsExactly(true);
        assertThat(probe.send(Command.GET, ConnectionHolders.PREFIX + connection).toString()).isEqualTo(instance("a"));
        assertThat(probe.number(Command.TTL, ConnectionHolders.PREFIX + connection)).isGreaterThan(23 * 3600);
    }

    @Test
    void requestsForOneConnectionArriveInTheOrderTheyWereForwarded() {
        RedisRelay a = relay("a", request -> {
            served.add(request);
            return Uni.createFrom().item(RelayReply.of(200, "ok"));
        });
        RedisRelay b = relay("b", null);
        String connection = held(a, "ordered");
        List<String> sent = new ArrayList<>();
        List<Uni<RelayReply>> replies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add("message " + i);
            // not waiting in between: all on their way at once
            replies.add(b.forward(new RelayRequest(Kind.SEND, connection, sent.get(i).getBytes(StandardCharsets.UTF_8))));
        }

        List<RelayReply> all = Uni.join().all(replies).andFailFast().await().atMost(Duration.ofSeconds(10));

        assertThat(all).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        assertThat(served).extracting(request -> new String(request.body(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(sent);
    }

    @Test
    void anUnknownConnectionGets404AtOnce() {
        RedisRelay b = relay("b", null);

        assertNotFound(b, connection("unknown"));
    }

    @Test
    void aConnectionWhoseHolderIsGoneGets404AtOnceAndItsKeyIsDeleted() {
        RedisRelay a = relay("a", request -> Uni.createFrom().item(RelayReply.of(200, "ok")));
        RedisRelay b = relay("b", null);
        String connection = held(a, "orphan");
        a.stop(); // as if it crashed: its key stays, nobody listens on its channel
        await().atMost(WAIT).until(() -> probe.subscribers(RedisRelay.CHANNEL_PREFIX + instance("a")) == 0);

        assertNotFound(b, connection);
        await().atMost(WAIT).until(() -> probe.number(Command.EXISTS, ConnectionHolders.PREFIX + connection) == 0);
    }

    @Test
    void aReleasedConnectionGets404() {
        RedisRelay a = relay("a", request -> Uni.createFrom().item(RelayReply.of(200, "ok")));
        RedisRelay b = relay("b", null);
        String connection = held(a, "released");
        assertThat(done(b.forward(new RelayRequest(Kind.DELETE, connection, null))).status()).isEqualTo(200);

        a.release(connection);
        await().atMost(WAIT).until(() -> probe.number(Command.EXISTS, ConnectionHolders.PREFIX + connection) == 0);

        assertNotFound(b, connection);
    }

    @Test
    void aHolderThatNeverAnswersGets503AfterTheTimeout() {
        RedisRelay a = relay("a", request -> Uni.createFrom().nothing());
        RedisRelay b = relay("b", null);
        String connection = held(a, "silent");
        long start = System.nanoTime();

        RelayReply reply = done(b.forward(new RelayRequest(Kind.SEND, connection, null)));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("retry");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(SETTINGS.timeout(), Duration.ofSeconds(2));
    }

    @Test
    void aPollMayWaitThePollTimeoutForItsReply() {
        RedisRelay a = relay("a", request -> Uni.createFrom().emitter(emitter -> vertx.setTimer(1500,
                id -> emitter.complete(new RelayReply(200, "application/octet-stream", new byte[] { 0x1e })))));
        RedisRelay b = relay("b", null);
        String connection = held(a, "poll");
        long start = System.nanoTime();

        RelayReply reply = done(b.forward(new RelayRequest(Kind.POLL, connection, null)));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).containsExactly(0x1e);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void beyondMaxPendingRequestsGet503AtOnce() {
        RedisRelay a = relay("a", request -> Uni.createFrom().nothing());
        RedisRelay b = relay("b", null, new RelaySettings(Duration.ofSeconds(3), Duration.ofSeconds(3), 2));
        String connection = held(a, "busy");
        Uni<RelayReply> first = b.forward(new RelayRequest(Kind.SEND, connection, null));
        Uni<RelayReply> second = b.forward(new RelayRequest(Kind.POLL, connection, null));

        RelayReply third = b.forward(new RelayRequest(Kind.SEND, connection, null)).await().atMost(FAST);

        assertThat(third.status()).isEqualTo(503);
        assertThat(new String(third.body(), StandardCharsets.UTF_8)).contains("in flight");
        b.stop(); // the two waiting ones end with the relay
        assertThat(done(first).status()).isEqualTo(503);
        assertThat(done(second).status()).isEqualTo(503);
    }

    @Test
    void aConnectionHeldHereIsServedByTheLocalHandler() {
        RedisRelay a = relay("a", request -> Uni.createFrom().item(RelayReply.of(202, "local " + request.kind())));
        String connection = held(a, "local");

        RelayReply reply = done(a.forward(new RelayRequest(Kind.POLL, connection, null)));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("local POLL");
    }

    @Test
    void somethingElseOnTheChannelIsIgnoredAndCounted() {
        RedisRelay a = relay("a", request -> Uni.createFrom().item(RelayReply.of(200, "still here")));
        RedisRelay b = relay("b", null);
        String connection = held(a, "noise");

        probe.send(Command.PUBLISH, RedisRelay.CHANNEL_PREFIX + instance("a"), "not an envelope");

        await().atMost(WAIT).until(() -> a.malformed() == 1);
        assertThat(done(b.forward(new RelayRequest(Kind.SEND, connection, null))).status()).isEqualTo(200);
    }

    @Test
    void withoutRedisForwardGets503AtOnceAndHoldFails() throws Exception {
        RedisRelay down = relays.relay("down", null, SETTINGS, "redis://127.0.0.1:" + Ports.free());

        RelayReply reply = down.forward(new RelayRequest(Kind.SEND, connection("down"), null)).await().atMost(FAST);

        assertThat(reply.status()).isEqualTo(503);
        assertThatThrownBy(() -> down.hold(connection("down")).await().atMost(FAST)).isInstanceOf(IllegalStateException.class);
    }

    private void assertNotFound(RedisRelay relay, String connection) {
        long start = System.nanoTime();
        RelayReply reply = relay.forward(new RelayRequest(Kind.SEND, connection, new byte[] { 1 })).await().atMost(FAST);
        assertThat(reply.status()).as("status, after %d ms", (System.nanoTime() - start) / 1_000_000).isEqualTo(404);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(Relay.NO_CONNECTION);
    }

    private RedisRelay relay(String name, Function<RelayRequest, Uni<RelayReply>> handler) {
        return relay(name, handler, SETTINGS);
    }

    private RedisRelay relay(String name, Function<RelayRequest, Uni<RelayReply>> handler, RelaySettings settings) {
        return relays.ready(name, handler, settings, RedisProbe.sharedUrl());
    }

    /** A connection of this run's that {@code holder} holds. */
    private String held(RedisRelay holder, String name) {
        String connection = connection(name);
        done(holder.hold(connection));
        return connection;
    }

    private String instance(String name) {
        return relays.instance(name);
    }

    private String connection(String name) {
        return relays.connection(name);
    }

    private static byte[] bytes(int seed, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i * 31);
        }
        return bytes;
    }

    private static <T> T done(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }
}
