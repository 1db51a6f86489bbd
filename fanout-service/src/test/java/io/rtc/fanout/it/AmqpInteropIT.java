package io.rtc.fanout.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.rtc.fanout.support.FanoutInstance;
import io.rtc.fanout.support.Http;
import io.rtc.fanout.support.TailClient;
import io.rtc.testsupport.PrivateRabbit;
import io.vertx.core.json.JsonObject;

/**
 * Both ways with AMQP clients nobody here wrote: Debian's {@code amqp-publish} (amqp-tools, no
 * message id) and Node's {@code amqplib} reach the live tail and the archive; a message POSTed to
 * the service reaches an amqplib consumer on its own queue, persistent and with its id.
 */
class AmqpInteropIT {

    static final Path NODE_DIR = Path.of("src", "test", "node").toAbsolutePath();
    static String AMQP_URL;
    static FanoutInstance fanout;

    @BeforeAll
    static void start() throws Exception {
        PrivateRabbit rabbit = PrivateRabbit.shared();
        AMQP_URL = rabbit.amqpUrl();
        fanout = FanoutInstance.start(Map.of("RABBITMQ_PORT", Integer.toString(rabbit.port()), "FANOUT_ARCHIVE_DIR",
                Path.of("target", "interop-archive-" + UUID.randomUUID()).toAbsolutePath().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        fanout.close();
    }

    private static List<String> run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).lines().toList();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }

    private static JsonObject archivedWithBody(String body) throws Exception {
        return Http.archive(fanout.baseUrl(), 5000).stream().map(JsonObject.class::cast)
                .filter(e -> body.equals(e.getString("body"))).findFirst().orElse(null);
    }

    @Test
    void amqpToolsPublishReachesTheTailAndTheArchive() throws Exception {
        String body = "from amqp-publish " + UUID.randomUUID();
        try (TailClient tail = TailClient.connectLive(fanout.baseUrl())) {
            run("amqp-publish", "--url=" + AMQP_URL, "-e", "logs", "-p", "-C", "text/plain", "-b", body);
            await().atMost(Duration.ofSeconds(20)).until(() -> tail.frames.stream().anyMatch(f -> body.equals(f.getString("body"))));
            JsonObject frame = tail.frames.stream().filter(f -> body.equals(f.getString("body"))).findFirst().orElseThrow();
            assertThat(frame.getValue("id")).isNull();
            assertThat(frame.getString("contentType")).isEqualTo("text/plain");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> archivedWithBody(body) != null);
    }

    @Test
    void amqplibPublishReachesTheTailAndTheArchiveWithItsId() throws Exception {
        String body = "from amqplib " + UUID.randomUUID();
        String id = "amqplib-" + UUID.randomUUID();
        try (TailClient tail = TailClient.connectLive(fanout.baseUrl())) {
            assertThat(run("node", "amqp-interop.mjs", "publish", AMQP_URL, body, id)).contains("CONFIRMED");
            await().atMost(Duration.ofSeconds(20)).until(() -> tail.countId(id) == 1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> archivedWithBody(body) != null);
        assertThat(archivedWithBody(body).getString("id")).isEqualTo(id);
    }

    @Test
    void aPostedMessageReachesAnAmqplibConsumer() throws Exception {
        String id = "to-amqplib-" + UUID.randomUUID();
        Process consumer = new ProcessBuilder("node", "amqp-interop.mjs", "consume", AMQP_URL, id, "20000")
                .directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(consumer.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("READY");
            assertThat(Http.publish(fanout.baseUrl(), "posted for amqplib", id).statusCode()).isEqualTo(202);
            JsonObject received = new JsonObject(out.readLine());
            assertThat(received.getString("messageId")).isEqualTo(id);
            assertThat(received.getInteger("deliveryMode")).isEqualTo(2);
            assertThat(received.getString("contentType")).isEqualTo("text/plain");
            assertThat(received.getLong("timestamp")).isNotNull();
            assertThat(received.getString("body")).isEqualTo("posted for amqplib");
            assertThat(consumer.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(consumer.exitValue()).isZero();
        } finally {
            consumer.destroyForcibly();
        }
    }
}
