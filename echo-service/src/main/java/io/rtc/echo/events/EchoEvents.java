package io.rtc.echo.events;

import io.rtc.common.events.Outbox;
import io.rtc.common.events.RabbitSender;
import io.rtc.common.events.VertxLoop;
import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.rtc.echo.config.EchoConfig;
import io.vertx.core.Vertx;

/**
 * Connection events on the RabbitMQ fanout exchange {@code logs}, through an {@link Outbox} and the
 * {@link RabbitSender}: the endpoint's callbacks only build a record and offer it. A singleton, not
 * a normal-scoped bean: no client proxy on the connection path.
 */
@Singleton
public class EchoEvents {

    private static final Logger LOG = Logger.getLogger(EchoEvents.class);
    private static final Duration FLUSH_AT_SHUTDOWN = Duration.ofSeconds(2);

    private final Outbox<EchoEvent> outbox;

    public EchoEvents(EchoConfig config, MeterRegistry registry, Vertx vertx, RabbitSender rabbit) {
        EchoConfig.Events settings = config.events();
        outbox = !settings.enabled() ? null
                : new Outbox<>(settings.bufferSize(), settings.maxInFlight(), settings.confirmTimeout(),
                        (id, event) -> rabbit.send(id, event.type(), event.timestamp(), event.toJson(id)), new VertxLoop(vertx));
        if (outbox != null) {
            FunctionCounter.builder("echo.events.published", outbox, Outbox::published)
                    .description("Events confirmed by RabbitMQ").register(registry);
            FunctionCounter.builder("echo.events.dropped", outbox, Outbox::dropped)
                    .description("Events dropped because the outbox was full (RabbitMQ away or too slow)").register(registry);
            FunctionCounter.builder("echo.events.resent", outbox, Outbox::resent)
                    .description("Events sent again after a missing confirm or a refusal (same message id)").register(registry);
            Gauge.builder("echo.events.pending", outbox, Outbox::pending)
                    .description("Events waiting for RabbitMQ's confirm").register(registry);
        }
    }

    public void opened(String connectionId) {
        publish(new EchoEvent(EchoEvent.OPENED, System.currentTimeMillis(), connectionId, null));
    }

    /** {@code closeCode} as WebSockets Next recorded it (1005, 1006 without a close frame it saw); null if none. */
    public void closed(String connectionId, Integer closeCode) {
        publish(new EchoEvent(EchoEvent.CLOSED, System.currentTimeMillis(), connectionId, closeCode));
    }

    private void publish(EchoEvent event) {
        if (outbox != null) {
            outbox.offer(event);
        }
    }

    /** Gives the last events a moment to be confirmed. */
    void flush(@Observes ShutdownEvent shutdown) throws InterruptedException {
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
