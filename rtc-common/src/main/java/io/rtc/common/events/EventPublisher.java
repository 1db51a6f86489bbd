package io.rtc.common.events;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * A service's events on the RabbitMQ fanout exchange {@code logs}: an {@link Outbox} fed by the
 * {@link RabbitSender}, its meters ({@code <prefix>.events.published}, {@code .dropped},
 * {@code .resent}, {@code .pending}) and the flush at shutdown. Not a bean: each service's typed
 * front builds one with its own settings and prefix, and calls {@link #flush} on its
 * ShutdownEvent. Disabled, it makes no outbox (so never connects to RabbitMQ) and no meters.
 */
public final class EventPublisher<E extends OutboundEvent> {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final Duration FLUSH_AT_SHUTDOWN = Duration.ofSeconds(2);

    private final Outbox<E> outbox;

    public EventPublisher(String prefix, EventSettings settings, MeterRegistry registry, Vertx vertx, RabbitSender rabbit) {
        outbox = !settings.enabled() ? null
                : new Outbox<>(settings.bufferSize(), settings.maxInFlight(), settings.confirmTimeout(),
                        (id, event) -> rabbit.send(id, event.type(), event.timestamp(), event.toJson(id)), new VertxLoop(vertx));
        if (outbox != null) {
            FunctionCounter.builder(prefix + ".events.published", outbox, Outbox::published)
                    .description("Events confirmed by RabbitMQ").register(registry);
            FunctionCounter.builder(prefix + ".events.dropped", outbox, Outbox::dropped)
                    .description("Events dropped because the outbox was full (RabbitMQ away or too slow)").register(registry);
            FunctionCounter.builder(prefix + ".events.resent", outbox, Outbox::resent)
                    .description("Events sent again after a missing confirm or a refusal (same message id)").register(registry);
            Gauge.builder(prefix + ".events.pending", outbox, Outbox::pending)
                    .description("Events waiting for RabbitMQ's confirm").register(registry);
        }
    }

    /** Returns at once, from any thread: the event is queued, or dropped (counted, logged) when the outbox is full. */
    public void offer(E event) {
        if (outbox != null) {
            outbox.offer(event);
        }
    }

    /** Gives the last events a moment to be confirmed, and says how many are lost when that was not enough. */
    public void flush() throws InterruptedException {
        if (outbox == null) {
            return;
        }
        long deadline = System.nanoTime() + FLUSH_AT_SHUTDOWN.toNanos();
        while (outbox.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (outbox.pending() > 0) {
            LOG.warnf("%d event(s) not confirmed by RabbitMQ at shutdown are lost", outbox.pending());
        }
    }
}
