package io.rtc.chat.events;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.hub.HubEvents;
import io.rtc.chat.hub.HubMember;
import io.rtc.common.events.EventPublisher;
import io.rtc.common.events.RabbitSender;
import io.vertx.core.Vertx;

/**
 * The hub's events on the RabbitMQ fanout exchange {@code logs}, through rtc-common's
 * {@link EventPublisher} (meters {@code chat.events.*}): the hub's event loops only build a record
 * and offer it. A singleton, not a normal-scoped bean: no client proxy on the hot path.
 */
@Singleton
public class ChatEvents implements HubEvents {

    private final EventPublisher<ChatEvent> publisher;

    public ChatEvents(ChatConfig config, MeterRegistry registry, Vertx vertx, RabbitSender rabbit) {
        publisher = new EventPublisher<>("chat", config.events(), registry, vertx, rabbit);
    }

    @Override
    public void joined(String room, HubMember member) {
        publisher.offer(ChatEvent.now(ChatEvent.ROOM_JOINED, room, member.userName(), member.connectionId()));
    }

    @Override
    public void left(String room, HubMember member) {
        publisher.offer(ChatEvent.now(ChatEvent.ROOM_LEFT, room, member.userName(), member.connectionId()));
    }

    @Override
    public void sent(String room, String user, HubMember member) {
        publisher.offer(ChatEvent.now(ChatEvent.MESSAGE_SENT, room, user, member == null ? null : member.connectionId()));
    }

    /** The leaves of the clients closed at shutdown are among the last events. */
    void flush(@Observes ShutdownEvent shutdown) throws InterruptedException {
        publisher.flush();
    }
}
