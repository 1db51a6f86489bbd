package io.rtc.common.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Hands one JSON event to the RabbitMQ connector (channel {@code events}, see META-INF/microprofile-config.properties):
 * persistent, with its message id, timestamp, content type, type and source (app-id) as AMQP
 * properties. With publisher confirms the connector acks the message when the broker confirmed it
 * and nacks it when the broker refused it; it does neither for a message in flight when the
 * connection dropped (hence the outbox's timeout). Application-scoped: the emitter is created at
 * the first send, after messaging is wired, however early the beans that use this are built
 * (chat-service's hub is built before messaging is wired).
 */
@ApplicationScoped
public class RabbitSender {

    static final int PERSISTENT = 2;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** The outbox bounds what is in flight, and the connector requests without bound. */
    @Inject
    @Channel("events")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<byte[]> emitter;

    @ConfigProperty(name = "quarkus.application.name")
    String source;

    /** The stage completes when RabbitMQ confirmed the event, fails when it refused it. */
    public CompletionStage<Void> send(String id, String type, long timestamp, byte[] json) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withMessageId(id)
                .withContentType("application/json")
                .withDeliveryMode(PERSISTENT)
                .withTimestamp(Instant.ofEpochMilli(timestamp).atZone(ZoneOffset.UTC))
                .withType(type)
                .withAppId(source)
                .build();
        emitter.send(Message.of(json, Metadata.of(metadata), () -> {
            confirmed.complete(null);
            return DONE;
        }, failure -> {
            confirmed.completeExceptionally(failure);
            return DONE;
        }));
        return confirmed;
    }
}
