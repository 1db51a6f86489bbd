package io.rtc.fanout.tail;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.rtc.fanout.broker.Broker;
import io.rtc.fanout.broker.Consumption;
import io.rtc.fanout.broker.Delivery;
import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.message.LogFrames;
import io.rtc.fanout.metrics.FanoutMetrics;

/**
 * The seed's subscriber, live: this instance's own server-named, exclusive, auto-delete queue bound to the
 * exchange. Each message becomes one frame for every connected client. The deliveries are acknowledged a
 * quarter of the prefetch at a time (one {@code multiple} ack): the prefetch bounds what waits here, the
 * rest waits in the broker, and a frame lost with this process is one the live tail never promised.
 */
@Singleton
public class TailFeed {

    private final TailHub hub;
    private final FanoutMetrics metrics;
    private final Broker broker;
    private final int prefetch;
    private final int ackEvery;
    /** Deliveries not acknowledged yet; touched by the delivering thread only (one at a time). */
    private int unacked;
    private volatile Consumption consumption;

    public TailFeed(TailHub hub, FanoutMetrics metrics, Broker broker, FanoutConfig config) {
        this.hub = hub;
        this.metrics = metrics;
        this.broker = broker;
        this.prefetch = config.tail().prefetch();
        this.ackEvery = Math.max(1, prefetch / 4);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Starts consuming (at startup; a test calls it itself). */
    public void start() {
        consumption = broker.consumeOwnQueue(prefetch, this::onMessage);
    }

    /** No frame reaches the clients after this (shutdown). */
    public void pause() {
        Consumption current = consumption;
        if (current != null) {
            current.pause();
        }
    }

    private void onMessage(Delivery delivery) {
        metrics.received();
        hub.broadcast(LogFrames.tailFrame(delivery.message()));
        if (++unacked >= ackEvery) {
            unacked = 0;
            delivery.ackUpTo();
        }
    }
}
