package io.rtc.chat.events;

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
import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.hub.HubEvents;
import io.rtc.chat.hub.HubMember;
import io.vertx.core.Vertx;

/**
 * The hub's events on the RabbitMQ fanout exchange {@code logs}, through an {@link Outbox} and the
 * {@link RabbitSender}: the hub's event loops only build a record and offer it. A singleton, not a
 * normal-scoped bean: no client proxy on the hot path.
 */
@Singleton
public class ChatEvents implements HubEvents {

    private static final Logger LOG = Logger.getLogger(ChatEvents.class);
    private static final Duration FLUSH_AT_SHUTDOWN = Duration.ofSeconds(2);

    private final Outbox<ChatEvent> outbox;

    public ChatEvents(ChatConfig config, MeterRegistry registry, Vertx vertx, RabbitSender rabbit) {
        ChatConfig.Events settings = config.events();
        outbox = !settings.enabled() ? null
                : new Outbox<>(settings.bufferSize(), settings.maxInFlight(), settings.confirmTimeout(),
                        (id, event) -> rabbit.send(id, event.type(), event.timestamp(), event.toJson(id)), new VertxLoop(vertx));
        if (outbox != null) {
            FunctionCounter.builder("chat.events.published", outbox, Outbox::published)
                    .description("Events confirmed by RabbitMQ").register(registry);
            FunctionCounter.builder("chat.events.dropped", outbox, Outbox::dropped)
                    .description("Events dropped because the outbox was full (RabbitMQ away or too slow)").register(registry);
            FunctionCounter.builder("chat.events.resent", outbox, Outbox::resent)
                    .description("Events sent again after a missing confirm or a refusal (same message id)").register(registry);
            Gauge.builder("chat.events.pending", outbox, Outbox::pending)
                    .description("Events waiting for RabbitMQ's confirm").register(registry);
        }
    }

    @Override
    public void joined(String room, HubMember member) {
        publish(ChatEvent.ROOM_JOINED, room, member.userName(), member.connectionId());
    }

    @Override
    public void left(String room, HubMember member) {
        publish(ChatEvent.ROOM_LEFT, room, member.userName(), member.connectionId());
    }

    @Override
    public void sent(String room, String user, HubMember member) {
        publish(ChatEvent.MESSAGE_SENT, room, user, member == null ? null : member.connectionId());
    }

    private void publish(String type, String room, String user, String connectionId) {
        if (outbox != null) {
            outbox.offer(ChatEvent.now(type, room, user, connectionId));
        }
    }

    /** Gives the last events (the leaves of clients closed at shutdown) a moment to be confirmed. */
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
