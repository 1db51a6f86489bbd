package io.rtc.echo.events;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.rtc.common.events.EventPublisher;
import io.rtc.common.events.RabbitSender;
import io.rtc.echo.config.EchoConfig;
import io.vertx.core.Vertx;

/**
 * Connection events on the RabbitMQ fanout exchange {@code logs}, through rtc-common's
 * {@link EventPublisher} (meters {@code echo.events.*}): the endpoint's callbacks only build a
 * record and offer it. A singleton, not a normal-scoped bean: no client proxy on the connection path.
 */
@Singleton
public class EchoEvents {

    private final EventPublisher<EchoEvent> publisher;

    public EchoEvents(EchoConfig config, MeterRegistry registry, Vertx vertx, RabbitSender rabbit) {
        publisher = new EventPublisher<>("echo", config.events(), registry, vertx, rabbit);
    }

    public void opened(String connectionId) {
        publisher.offer(new EchoEvent(EchoEvent.OPENED, System.currentTimeMillis(), connectionId, null));
    }

    /** {@code closeCode} as WebSockets Next recorded it (1005, 1006 without a close frame it saw); null if none. */
    public void closed(String connectionId, Integer closeCode) {
        publisher.offer(new EchoEvent(EchoEvent.CLOSED, System.currentTimeMillis(), connectionId, closeCode));
    }

    void flush(@Observes ShutdownEvent shutdown) throws InterruptedException {
        publisher.flush();
    }
}
