package io.rtc.fanout.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.rtc.fanout.support.FanoutInstance;
import io.rtc.fanout.support.Http;
import io.rtc.fanout.support.PublishLoad;
import io.rtc.fanout.support.TailClient;
import io.rtc.testsupport.Ports;
import io.rtc.testsupport.PrivateRabbit;

/**
 * SIGTERM (a pod being stopped, not a crash) in the middle of 3,000 publishes from 8 clients, each retrying
 * what was not answered 202 with the same {@code Message-Id}, then the service started again on the same
 * archive. The instance goes not-ready and refuses new work during its shutdown delay, its live-tail client
 * gets a close 1001, it exits well within a 30 s termination grace period and logs no error; every id
 * answered 202 is archived exactly once.
 */
class ShutdownIT {

    private static final int TOTAL = 3000;

    @Test
    void sigtermDuringPublishingAnswersEveryPublishAndLosesNothing() throws Exception {
        Path archive = Path.of("target", "shutdown-archive-" + UUID.randomUUID()).toAbsolutePath();
        Map<String, String> env = Map.of("FANOUT_ARCHIVE_DIR", archive.toString(), "QUARKUS_HTTP_PORT",
                Integer.toString(Ports.free()), "FANOUT_SHUTDOWN_DELAY", "2s", "RABBITMQ_PORT",
                Integer.toString(PrivateRabbit.shared().port()));
        FanoutInstance first = FanoutInstance.start(env);
        String url = first.baseUrl();
        FanoutInstance restarted = null;
        try (TailClient tail = TailClient.connectLive(url);
                PublishLoad load = new PublishLoad("shutdown-" + UUID.randomUUID(), TOTAL, 8, () -> url)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> load.accepted.size() >= 1000);
            long sigterm = System.nanoTime();
            first.terminate();

            assertThat(tail.closedWith.get(5, TimeUnit.SECONDS)).as("the live-tail client's close code").isEqualTo(1001);
            // the 2 s delay: still answering, but not ready, and publishes are refused so clients go elsewhere
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Http.status(url + "/q/health/ready") == 503);
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> load.answers.containsKey(503));

            assertThat(first.awaitExit(Duration.ofSeconds(25))).as("exits within the 30 s grace period").isTrue();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
            int acceptedBeforeRestart = load.accepted.size();
            System.out.printf("fanout-service exited %d ms after SIGTERM (shutdown delay 2 s) with %d of %d publishes accepted;"
                    + " answers so far %s%n", tookMs, acceptedBeforeRestart, TOTAL, load.answers);
            assertThat(acceptedBeforeRestart).isLessThan(TOTAL);
            assertThat(tookMs).isBetween(2000L, 15000L);
            String log = first.log();
            assertThat(log).contains("publishes all answered").contains("archive written and acknowledged")
                    .doesNotContain("Timed out waiting for graceful shutdown").doesNotContain(" ERROR ");

            restarted = first.restart();
            await().atMost(Duration.ofSeconds(120)).until(load::done);
            await().atMost(Duration.ofSeconds(60)).until(() -> load.archived(url).size() == TOTAL);
            Map<String, Integer> counts = load.archived(url);
            assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(load.accepted);
            assertThat(counts.values()).allMatch(n -> n == 1);
            // every attempt that was answered at all was answered 202 or 503 (-1: nothing listening, or cut)
            assertThat(load.answers.keySet()).isSubsetOf(202, 503, -1);
        } finally {
            first.kill();
            if (restarted != null) {
                restarted.close();
            }
        }
    }
}
