package io.rtc.cli.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.rtc.cli.support.FreePort;
import io.rtc.cli.support.TestFanoutServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `rtc bench fanout` end to end against an in-test fanout-service that streams every POST to its tail
 * clients and archives it, and against channels of it that lose or double a message on purpose.
 * Set {@code -Dfanout.url=http://127.0.0.1:8082} to run {@link #everyConfirmedMessageReachesTheArchiveAndEveryTailClient}
 * against a real fanout-service instead.
 */
@QuarkusMainTest
class BenchFanoutCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestFanoutServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestFanoutServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void everyConfirmedMessageReachesTheArchiveAndEveryTailClient(QuarkusMainLauncher launcher) throws Exception {
        String url = System.getProperty("fanout.url", server.url("ok"));
        LaunchResult result = launcher.launch("bench", "fanout", "--json", "--url", url, "--concurrency", "4",
                "--tail-clients", "2", "--duration", "1.5", "--warmup", "0.5", "--size", "120", "--archive-timeout", "10");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(report.get("scenario").asText()).isEqualTo("fanout");
        assertThat(report.get("mode").asText()).isEqualTo("closed-loop");
        assertThat(report.get("streamUrl").asText()).isEqualTo(url.replace("http://", "ws://") + "/logs/stream");
        long published = report.get("published").asLong();
        long confirmed = report.get("confirmed").asLong();
        assertThat(published).isPositive().isEqualTo(report.get("sent").asLong());
        // Warmup messages are checked too.
        assertThat(confirmed).isGreaterThan(published);
        assertThat(report.get("publishedPerSecond").asDouble()).isPositive();
        assertThat(report.get("unavailable").asLong()).isZero();
        assertThat(report.get("errors").asLong()).isZero();
        assertThat(report.get("tailConnected").asLong()).isEqualTo(2);
        assertThat(report.get("tailDeliveries").asLong()).isEqualTo(published * 2);
        assertThat(report.get("tailMissing").asLong()).isZero();
        assertThat(report.get("archiveChecked").asBoolean()).isTrue();
        assertThat(report.get("archiveFound").asLong()).isEqualTo(confirmed);
        assertThat(report.get("archiveMissing").asLong()).isZero();
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("duplicated").asLong()).isZero();
        assertThat(report.get("wrong").asLong()).isZero();
        for (String latency : List.of("publishLatencyMicros", "tailLatencyMicros")) {
            JsonNode l = report.get(latency);
            assertThat(l.get("p50").asDouble()).as(latency).isPositive().isLessThanOrEqualTo(l.get("p99").asDouble());
        }
        assertThat(report.get("publishLatencyMicros").get("count").asLong()).isEqualTo(published);
        assertThat(report.get("tailLatencyMicros").get("count").asLong()).isEqualTo(published * 2);
        assertThat(report.get("archiveLatencyMicros").get("count").asLong()).isEqualTo(published);
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(result.getErrorOutput()).contains("measuring for").contains("checking the archive");
        if (!System.getProperties().containsKey("fanout.url")) {
            // Every request carried one of the run's ids, each id once.
            List<String> messageIds = new ArrayList<>();
            server.requests("ok").forEach(r -> messageIds.add(r.messageId()));
            assertThat(messageIds).hasSize((int) confirmed).doesNotHaveDuplicates()
                    .allMatch(id -> id.matches("b[a-z0-9]+-[01]-\\d+"));
            assertThat(server.requests("ok")).allMatch(r -> r.body().length() == 120);
        }
    }

    @Test
    void aConfirmedMessageThatNeverArrivesIsLostAndFailsTheRun(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "fanout", "--json", "--quiet", "--url", server.url("drop"),
                "--concurrency", "2", "--duration", "1", "--warmup", "0", "--drain", "0.5", "--archive-timeout", "1");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(report.get("confirmed").asLong()).isGreaterThan(TestFanoutServer.FAULTY_MESSAGE);
        assertThat(report.get("lost").asLong()).isEqualTo(1);
        assertThat(report.get("archiveMissing").asLong()).isEqualTo(1);
        assertThat(report.get("tailMissing").asLong()).isEqualTo(1);
        assertThat(report.get("duplicated").asLong()).isZero();
        assertThat(report.get("passed").asBoolean()).isFalse();
    }

    @Test
    void aMessageStreamedAndArchivedTwiceIsDuplicated(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "fanout", "--json", "--quiet", "--url", server.url("dup"),
                "--concurrency", "2", "--tail-clients", "3", "--duration", "1", "--warmup", "0", "--drain", "0.5",
                "--content-type", "application/json");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("tailDuplicated").asLong()).isEqualTo(3);
        assertThat(report.get("archiveDuplicated").asLong()).isEqualTo(1);
        assertThat(report.get("duplicated").asLong()).isEqualTo(4);
        assertThat(report.get("contentType").asText()).isEqualTo("application/json");
        assertThat(report.get("wrong").asLong()).isZero();
    }

    @Test
    void openLoopSendsOnSchedule(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "fanout", "--json", "--quiet", "--url", server.url("open"),
                "--rate", "200", "--duration", "1", "--warmup", "0.3", "--tail-clients", "0");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(report.get("mode").asText()).isEqualTo("open-loop");
        assertThat(report.get("sent").asLong()).isBetween(150L, 260L);
        assertThat(report.get("archiveFound").asLong()).isEqualTo(report.get("confirmed").asLong());
    }

    @Test
    void answers503AreCountedButDoNotFailTheRun(QuarkusMainLauncher launcher) throws Exception {
        // The "busy" channel refuses the first attempt of each id: the benchmark does not retry, so
        // every message is a 503 and nothing is confirmed.
        LaunchResult result = launcher.launch("bench", "fanout", "--json", "--quiet", "--url", server.url("busy"),
                "--concurrency", "2", "--duration", "0.5", "--warmup", "0", "--archive-timeout", "0");

        JsonNode report = onlyJsonObject(result);
        assertThat(report.get("unavailable").asLong()).isPositive();
        assertThat(report.get("errors").asLong()).isZero();
        assertThat(report.get("published").asLong()).isZero();
        // Nothing confirmed: no throughput to report, so the run fails.
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void aRefusedPostIsAnErrorInTheServersWords(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "fanout", "--json", "--quiet", "--url", server.url("csv"),
                "--concurrency", "1", "--duration", "0.3", "--warmup", "0", "--archive-timeout", "0",
                "--content-type", "text/csv");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(report.get("errors").asLong()).isPositive();
        assertThat(report.get("published").asLong()).isZero();
        assertThat(report.get("firstError").asText()).isEqualTo("POST answered 415: unsupported content type: text/csv");
    }

    @Test
    void humanSummaryNamesTheChecks(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("bench", "fanout", "--quiet", "--url", server.url("human"),
                "--concurrency", "1", "--duration", "0.5", "--warmup", "0");

        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(result.getOutput()).contains("fanout closed-loop: " + server.url("human"))
                .contains("msg/s").contains("publish (us)").contains("tail (us)").contains("archive (us)")
                .contains("0 lost, 0 duplicated").contains("PASS");
    }

    @Test
    void nothingListeningIsOneErrorAndExitCode1(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "fanout", "--json", "--url", "http://127.0.0.1:" + FreePort.find(),
                "--duration", "0.5");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getOutput()).isEmpty();
        assertThat(result.getErrorOutput()).contains("rtc: cannot read the archive of").containsIgnoringCase("refused");
    }

    @Test
    void impossibleOptionsAreUsageErrors(QuarkusMainLauncher launcher) {
        assertThat(launcher.launch("bench", "fanout", "--concurrency", "0").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("bench", "fanout", "--size", "10").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("bench", "fanout", "--size", "60", "--content-type", "application/json").exitCode())
                .isEqualTo(2);
        assertThat(launcher.launch("bench", "fanout", "--url", "ws://x/").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("bench", "fanout", "--run-tag", "a-b").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("bench", "fanout", "--rate", "-1").exitCode()).isEqualTo(2);
    }

    /** Stdout must be exactly one JSON object: scripts parse it without filtering. */
    private static JsonNode onlyJsonObject(LaunchResult result) throws Exception {
        assertThat(result.getOutputStream()).as(result::getErrorOutput).hasSize(1);
        JsonNode node = JSON.readTree(result.getOutput());
        assertThat(node.isObject()).as(result::getOutput).isTrue();
        return node;
    }
}
