package io.rtc.chat.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.rtc.chat.relay.RelayRequest.Kind;
import io.rtc.chat.support.PrivateRedis;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Redis restarts empty (a private redis-server, restarted on the same port): while it is away a
 * forward answers 503 at once; once the links are back the holder has subscribed again and written
 * its connections again, so forwards reach it as before.
 */
class RedisRelayRestartTest {

    private static final RelaySettings SETTINGS = new RelaySettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 100);

    private Vertx vertx;
    private PrivateRedis redis;
    private TestRelays relays;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        redis = PrivateRedis.launch();
        relays = new TestRelays(vertx);
    }

    @AfterEach
    void tearDown() throws Exception {
        relays.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.close();
    }

    @Test
    void afterRedisRestartsEmptyAHeldConnectionIsFoundAgain() throws Exception {
        RedisRelay a = relays.ready("a", request -> Uni.createFrom().item(RelayReply.of(200, "held")), SETTINGS, redis.url());
        RedisRelay b = relays.ready("b", null, SETTINGS, redis.url());
        String connection = relays.connection("restart");
        a.hold(connection).await().atMost(Duration.ofSeconds(5));
        RelayRequest send = new RelayRequest(Kind.SEND, connection, new byte[] { 1 });
        assertThat(b.forward(send).await().atMost(Duration.ofSeconds(5)).status()).isEqualTo(200);

        redis.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> !b.ready());
        assertThat(b.forward(send).await().atMost(Duration.ofSeconds(1)).status()).isEqualTo(503);

        redis.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> a.ready() && b.ready());
        await().atMost(Duration.ofSeconds(5)).until(() -> b.forward(send).await().atMost(Duration.ofSeconds(3)).status() == 200);
    }
}
