package io.rtc.fanout.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.rtc.fanout.support.FanoutInstance;
import io.rtc.fanout.support.PublishLoad;
import io.rtc.testsupport.Ports;
import io.rtc.testsupport.PrivateRabbit;

/**
 * SIGKILL in the middle of 5,000 publishes, then the service started again on the same archive:
 * every id answered 202 is in the archive exactly once. Clients retry what was not answered 202
 * with the same id, so in the end all 5,000 are.
 */
class CrashRecoveryIT {

    @Test
    void everyAcceptedMessageIsArchivedExactlyOnceAfterAKill() throws Exception {
        Path archive = Path.of("target", "crash-archive-" + UUID.randomUUID()).toAbsolutePath();
        Map<String, String> env = Map.of("FANOUT_ARCHIVE_DIR", archive.toString(), "QUARKUS_HTTP_PORT",
                Integer.toString(Ports.free()), "RABBITMQ_PORT", Integer.toString(PrivateRabbit.shared().port()));
        FanoutInstance first = FanoutInstance.start(env);
        String url = first.baseUrl();
        FanoutInstance restarted = null;
        try (PublishLoad load = new PublishLoad("crash-" + UUID.randomUUID(), 5000, 8, () -> url)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> load.accepted.size() >= 1500);
            first.kill();
            int acceptedBeforeKill = load.accepted.size();
            assertThat(acceptedBeforeKill).isLessThan(5000);

            restarted = first.restart();
            await().atMost(Duration.ofSeconds(120)).until(load::done);
            await().atMost(Duration.ofSeconds(60)).until(() -> load.archived(url).size() == 5000);
            Map<String, Integer> counts = load.archived(url);
            assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(load.accepted);
            assertThat(counts.values()).allMatch(n -> n == 1);
        } finally {
            first.kill();
            if (restarted != null) {
                restarted.close();
            }
        }
    }
}
