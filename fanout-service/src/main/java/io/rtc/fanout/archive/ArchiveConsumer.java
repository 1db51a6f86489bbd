package io.rtc.fanout.archive;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.rtc.fanout.broker.Broker;
import io.rtc.fanout.broker.Consumption;
import io.rtc.fanout.broker.Delivery;
import io.rtc.fanout.broker.Topology;
import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.metrics.FanoutMetrics;

/**
 * The durable subscription of the archive. Each delivery is handed to the writer at once, so the next one
 * flows while the writer batches; the writer acknowledges once it is on disk. The prefetch bounds how many
 * wait unacknowledged here.
 */
@Singleton
public class ArchiveConsumer {

    private final ArchiveWriter writer;
    private final FanoutMetrics metrics;
    private final int maxMessageSize;
    private final int prefetch;
    private final Broker broker;
    private final String queue;
    private volatile Consumption consumption;

    public ArchiveConsumer(ArchiveWriter writer, FanoutMetrics metrics, FanoutConfig config, Broker broker, Topology topology) {
        this.writer = writer;
        this.metrics = metrics;
        this.maxMessageSize = config.archive().maxMessageSize();
        this.prefetch = Math.max(config.archive().prefetch(), config.archive().batchSize());
        this.broker = broker;
        this.queue = topology.archiveQueue();
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Starts consuming (at startup; a test calls it itself). */
    public void start() {
        consumption = broker.consume(queue, prefetch, this::archive);
    }

    /** No delivery reaches the writer after this (shutdown); what it holds is still written and acknowledged. */
    public void pause() {
        Consumption current = consumption;
        if (current != null) {
            current.pause();
        }
    }

    private void archive(Delivery delivery) {
        if (delivery.message().body().length > maxMessageSize) {
            // no retry can make it fit: to the dead-letter queue at once
            metrics.deadLettered(1);
            delivery.reject();
            return;
        }
        // false only during shutdown, after the writer drained: never rejected (that would dead-letter it),
        // left unacknowledged instead, so the broker delivers it again once the connection is gone
        writer.submit(delivery);
    }
}
