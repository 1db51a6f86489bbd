package io.rtc.fanout.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtc.fanout.archive.ArchiveReader;
import io.rtc.fanout.broker.MemoryBroker;
import io.rtc.fanout.broker.Topology;
import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.message.LogMessage;
import io.rtc.fanout.metrics.FanoutMetrics;
import io.vertx.core.json.JsonObject;

/**
 * What the unit tests of the service's parts stand on: a real config, metrics read back from their registry
 * (as /q/metrics would show them), and a {@link MemoryBroker} with the topology that config names.
 */
public final class MemoryFanout {

    public static final String ARCHIVE = "logs.archive";
    public static final String DLQ = "logs.archive.dlq";

    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final FanoutMetrics metrics = new FanoutMetrics(registry);
    public final FanoutConfig config;
    public final Topology topology;
    public final MemoryBroker broker;

    /**
     * @param archiveDir as {@link TestConfig#config}: the test's own, or null where nothing is archived
     * @param settings as {@link TestConfig#config}: names and values, in pairs
     */
    public MemoryFanout(Path archiveDir, String... settings) {
        config = TestConfig.config(archiveDir, settings);
        topology = Topology.of(config);
        broker = new MemoryBroker(topology);
    }

    public static LogMessage message(String id) {
        return message(id, "body of " + id);
    }

    public static LogMessage message(String id, String body) {
        return new LogMessage(id, Instant.now(), "text/plain", body.getBytes(UTF_8), null);
    }

    /** Publishes straight to the broker (no LogPublisher), each confirmed before the next. */
    public void publish(String... ids) {
        for (String id : ids) {
            broker.publish(message(id)).toCompletableFuture().join();
        }
    }

    /** The ids of what a queue holds, ready or delivered and unsettled. */
    public List<String> queued(String queue) {
        return broker.messages(queue).stream().map(LogMessage::id).toList();
    }

    /** The ids of the archive's lines, oldest first, as the service reads them back (GET /api/logs). */
    public List<String> archived() {
        return new ArchiveReader(config).newest(10_000).stream().map(line -> new JsonObject(line).getString("id")).toList();
    }

    /** Awaitility, polling often: what the tests wait for takes milliseconds, the default 100 ms would dominate. */
    public static ConditionFactory soon() {
        return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(5));
    }

    /** A counter's or gauge's value. */
    public double count(String meter) {
        return registry.get(meter).meter().measure().iterator().next().getValue();
    }
}
