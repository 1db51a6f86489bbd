package io.rtc.fanout.tail;

import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.rtc.fanout.message.LogFrames;
import io.rtc.fanout.message.LogMessage;
import io.rtc.fanout.metrics.FanoutMetrics;

/**
 * The seed's subscriber, live: this instance's own server-named, exclusive, auto-delete queue bound
 * to the exchange. Each message becomes one frame for every connected client, then is acked; the
 * prefetch bounds what waits here, the rest waits in the broker.
 */
@Singleton
public class TailFeed {

    private final TailHub hub;
    private final FanoutMetrics metrics;

    public TailFeed(TailHub hub, FanoutMetrics metrics) {
        this.hub = hub;
        this.metrics = metrics;
    }

    @Incoming("logs-tail")
    public CompletionStage<Void> onMessage(Message<?> delivery) {
        metrics.received();
        hub.broadcast(LogFrames.tailFrame(LogMessage.from(delivery)));
        return delivery.ack();
    }
}
