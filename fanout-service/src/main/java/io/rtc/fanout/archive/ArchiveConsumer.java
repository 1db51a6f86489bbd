package io.rtc.fanout.archive;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.message.LogMessage;
import io.rtc.fanout.metrics.FanoutMetrics;

/**
 * The durable subscription {@code logs.archive}. Each message is handed to the writer and the
 * method returns at once, so the next one flows while the writer batches; the message is acked
 * by the writer once it is on disk. The broker's prefetch ({@code max-outstanding-messages}) bounds
 * how many wait unacknowledged.
 */
@Singleton
public class ArchiveConsumer {

    private final ArchiveWriter writer;
    private final FanoutMetrics metrics;
    private final int maxMessageSize;

    public ArchiveConsumer(ArchiveWriter writer, FanoutMetrics metrics, FanoutConfig config) {
        this.writer = writer;
        this.metrics = metrics;
        this.maxMessageSize = config.archive().maxMessageSize();
    }

    @Incoming("logs-archive")
    public CompletionStage<Void> archive(Message<?> delivery) {
        LogMessage log = LogMessage.from(delivery);
        if (log.body().length > maxMessageSize) {
            // no retry can make it fit: to the dead-letter queue at once
            metrics.deadLettered(1);
            return delivery.nack(new IllegalArgumentException("message of " + log.body().length
                    + " bytes is larger than the archive's limit of " + maxMessageSize));
        }
        // false only during shutdown, after the writer drained: never nacked (that would dead-letter it), left
        // unacknowledged instead, so the broker delivers it again once the connection is gone
        writer.submit(new Pending(log, delivery));
        return CompletableFuture.completedFuture(null);
    }
}
