package io.rtc.fanout.publish;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.rtc.fanout.broker.BrokerLink;
import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.message.LogMessage;
import io.rtc.fanout.metrics.FanoutMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Publishes one persistent message to the exchange and completes only when the broker confirmed
 * it. The connector acks the message on the confirm and nacks it on a broker nack; a confirm that
 * never comes (the connection dropped after the write: the Vert.x publisher forgets those) ends in
 * the timeout. Any failure means "not promised": the caller answers 503 and may retry with the
 * same id, which the archive deduplicates.
 */
@Singleton
public class LogPublisher {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final FanoutConfig.Publish config;
    private final BrokerLink broker;
    private final FanoutMetrics metrics;

    private final AtomicInteger turn = new AtomicInteger();
    private final List<MutinyEmitter<byte[]>> channels;
    private volatile boolean stopped;

    @Inject
    public LogPublisher(FanoutConfig config, BrokerLink broker, FanoutMetrics metrics,
            @Channel("logs-out-0") MutinyEmitter<byte[]> channel0, @Channel("logs-out-1") MutinyEmitter<byte[]> channel1,
            @Channel("logs-out-2") MutinyEmitter<byte[]> channel2, @Channel("logs-out-3") MutinyEmitter<byte[]> channel3) {
        this.config = config.publish();
        this.broker = broker;
        this.metrics = metrics;
        this.channels = List.of(channel0, channel1, channel2, channel3);
    }

    /** @param publisher the user id ({@code sub}) of the client's token, or null for an anonymous one */
    public Uni<String> publish(String id, String contentType, byte[] body, String publisher) {
        if (stopped) {
            return refused("The service is shutting down: publish again (to another instance)");
        }
        if (!broker.isUp()) {
            return refused("RabbitMQ is not reachable");
        }
        if (inFlight.incrementAndGet() > config.maxInFlight()) {
            inFlight.decrementAndGet();
            return refused("Too many publishes are waiting for the broker");
        }
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        long now = System.currentTimeMillis();
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withMessageId(id)
                .withDeliveryMode(2)
                .withContentType(contentType)
                .withTimestamp(ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(now), ZoneOffset.UTC))
                .withHeaders(publisher == null ? Map.of(LogMessage.TIMESTAMP_MS_HEADER, now)
                        : Map.of(LogMessage.TIMESTAMP_MS_HEADER, now, LogMessage.PUBLISHER_HEADER, publisher))
                .withAppId("fanout-service")
                .build();
        Message<byte[]> message = Message.of(body, Metadata.of(metadata),
                () -> {
                    confirmed.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    confirmed.completeExceptionally(new PublishRefusedException("RabbitMQ refused the message: " + failure.getMessage()));
                    return CompletableFuture.completedFuture(null);
                });
        try {
            channels.get(Math.floorMod(turn.getAndIncrement(), channels.size())).sendMessageAndForget(message);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            return refused("The publisher is not ready: " + e.getMessage());
        }
        return Uni.createFrom().completionStage(confirmed)
                .ifNoItem().after(config.confirmTimeout())
                .failWith(() -> new PublishRefusedException("RabbitMQ did not confirm the message in time"))
                .onItemOrFailure().invoke((ok, failure) -> {
                    inFlight.decrementAndGet();
                    if (failure == null) {
                        metrics.published();
                    } else {
                        metrics.refused();
                    }
                })
                .replaceWith(id);
    }

    /** From the start of a shutdown: every further publish is refused (503), so a client retries elsewhere. */
    public void refuseNew() {
        stopped = true;
    }

    /**
     * At shutdown, before the connector's channels close: refuses every further publish (503) and waits,
     * at most {@code limit}, until each publish in flight was confirmed or refused, so each is answered.
     * Returns how many were still in flight after {@code limit}.
     */
    public int stop(Duration limit) {
        stopped = true;
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return inFlight.get();
    }

    private Uni<String> refused(String reason) {
        metrics.refused();
        return Uni.createFrom().failure(new PublishRefusedException(reason));
    }
}
