package io.rtc.fanout.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;

import io.rtc.fanout.support.Amqp;
import io.rtc.fanout.support.FanoutInstance;
import io.rtc.fanout.support.Http;
import io.rtc.fanout.support.PublishLoad;
import io.rtc.testsupport.Ports;
import io.rtc.testsupport.PrivateRabbit;

/** The broker going away and coming back, on a RabbitMQ node of this test's own. */
class BrokerOutageIT {

    static PrivateRabbit rabbit;

    @BeforeAll
    static void broker() throws Exception {
        rabbit = PrivateRabbit.launch();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    static Map<String, String> env() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("RABBITMQ_PORT", Integer.toString(rabbit.port()));
        env.put("FANOUT_ARCHIVE_DIR", Path.of("target", "outage-archive-" + UUID.randomUUID()).toAbsolutePath().toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(Ports.free()));
        return env;
    }

    @Test
    void aBrokerRestartDuringPublishingLosesNothing() throws Exception {
        try (FanoutInstance fanout = FanoutInstance.start(env());
                PublishLoad load = new PublishLoad("outage-" + UUID.randomUUID(), 3000, 4, fanout::baseUrl)) {
            String url = fanout.baseUrl();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.accepted.size() >= 500);
            rabbit.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> Http.status(url + "/q/health/ready") == 503);
            int acceptedDuringOutage = load.accepted.size();
            int refusedBefore = load.refused.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.refused.get() > refusedBefore + 20);
            // while it is away, nothing more is promised
            assertThat(load.accepted.size()).isLessThanOrEqualTo(acceptedDuringOutage + 4);

            rabbit.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> Http.status(url + "/q/health/ready") == 200);
            await().atMost(Duration.ofSeconds(120)).until(load::done);
            await().atMost(Duration.ofSeconds(60)).until(() -> load.archived(url).size() == 3000);
            Map<String, Integer> counts = load.archived(url);
            assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(load.accepted);
            assertThat(counts.values()).allMatch(n -> n == 1);
        }
    }

    /**
     * A memory alarm (a watermark far below what the node uses) makes RabbitMQ block publishing connections:
     * it stops reading them, so a publish would wait forever for its confirm. The service is told
     * (connection.blocked): readiness goes DOWN with the alarm named, the publish caught in it and every
     * later one are answered 503 at once, and all is well again when the alarm clears.
     */
    @Test
    void aBrokerThatBlocksPublishingIsReportedAndAnswered503AtOnce() throws Exception {
        try (FanoutInstance fanout = FanoutInstance.start(env())) {
            String url = fanout.baseUrl();
            assertThat(Http.publish(url, "before the alarm", null).statusCode()).isEqualTo(202);
            rabbit.setMemoryHighWatermark(0.0000001);
            try {
                long start = System.nanoTime();
                HttpResponse<String> caught = Http.publish(url, "into the alarm", null);
                assertThat(caught.statusCode()).isEqualTo(503);
                // well before the confirm timeout (5 s): told by the broker, not timed out
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
                await().atMost(Duration.ofSeconds(10)).until(() -> Http.status(url + "/q/health/ready") == 503);
                assertThat(Http.get(url + "/q/health/ready")).contains("\"blocked\"");
                for (int i = 0; i < 20; i++) {
                    long each = System.nanoTime();
                    HttpResponse<String> refused = Http.publish(url, "while blocked " + i, null);
                    assertThat(refused.statusCode()).isEqualTo(503);
                    assertThat(refused.body()).contains("blocks publishing");
                    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                    assertThat(Duration.ofNanos(System.nanoTime() - each)).isLessThan(Duration.ofMillis(500));
                }
            } finally {
                rabbit.setMemoryHighWatermark(0.4);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> Http.status(url + "/q/health/ready") == 200);
            HttpResponse<String> after = Http.publish(url, "after the alarm", null);
            assertThat(after.statusCode()).isEqualTo(202);
            String id = Http.id(after);
            await().atMost(Duration.ofSeconds(10)).until(() -> Http.archive(url, 100).toString().contains(id));
        }
    }

    /**
     * An operator deletes the exchange under a running service: RabbitMQ closes the channel that publishes
     * next (404). The service does not keep a dead channel: it connects again, declares the topology anew, and
     * publishes are confirmed and archived again within seconds.
     */
    @Test
    void aDeletedExchangeIsDeclaredAgain() throws Exception {
        try (FanoutInstance fanout = FanoutInstance.start(env()); Amqp amqp = new Amqp(rabbit.port())) {
            String url = fanout.baseUrl();
            assertThat(Http.publish(url, "before the delete", null).statusCode()).isEqualTo(202);
            amqp.channel().exchangeDelete("logs");
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                HttpResponse<String> again = Http.publish(url, "after the delete", null);
                return again != null && again.statusCode() == 202;
            });
            String id = Http.id(Http.publish(url, "declared again", null));
            await().atMost(Duration.ofSeconds(10)).until(() -> Http.archive(url, 100).toString().contains(id));
        }
    }

    @Test
    void messagesWaitInTheArchiveQueueWhileTheServiceIsDown() throws Exception {
        Map<String, String> env = env();
        FanoutInstance fanout = FanoutInstance.start(env);
        fanout.close();
        String prefix = "backlog-" + UUID.randomUUID();
        try (Amqp amqp = new Amqp(rabbit.port())) {
            long before = amqp.depth("logs.archive");
            for (int i = 0; i < 500; i++) {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(prefix + "-" + i)
                        .deliveryMode(2).contentType("text/plain").build();
                amqp.publish("logs", properties, ("while down " + i).getBytes(StandardCharsets.UTF_8));
            }
            assertThat(amqp.depth("logs.archive")).isEqualTo(before + 500);

            try (FanoutInstance again = fanout.restart()) {
                Map<String, Integer> counts = new HashMap<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    counts.clear();
                    Http.archive(again.baseUrl(), 100_000).stream().map(io.vertx.core.json.JsonObject.class::cast)
                            .map(e -> e.getString("id")).filter(id -> id != null && id.startsWith(prefix))
                            .forEach(id -> counts.merge(id, 1, Integer::sum));
                    return counts.size() == 500;
                });
                assertThat(amqp.depth("logs.archive")).isZero();
                assertThat(counts).hasSize(500);
                assertThat(counts.values()).allMatch(n -> n == 1);
            }
        }
    }
}
