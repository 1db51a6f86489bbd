package io.rtc.fanout.message;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/**
 * One message of the exchange as it came from the broker: its id (null from AMQP clients that set
 * none), when it was published, its content type, its raw body, and who published it (null when
 * anonymous or unknown).
 */
public record LogMessage(String id, Instant timestamp, String contentType, byte[] body, String publisher) {

    /** Header with the publish time in milliseconds; AMQP's own timestamp property has whole seconds only. */
    public static final String TIMESTAMP_MS_HEADER = "x-timestamp-ms";

    /**
     * Header with the publisher's user id (the {@code sub} of its token). Not AMQP's {@code user-id} property:
     * RabbitMQ refuses a message whose {@code user-id} is not the user of the connection that publishes it.
     */
    public static final String PUBLISHER_HEADER = "x-user-id";

    public static LogMessage from(Message<?> message) {
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        byte[] body = body(message);
        if (metadata == null) {
            return new LogMessage(null, Instant.now(), "application/octet-stream", body, null);
        }
        return new LogMessage(metadata.getMessageId().orElse(null), timestamp(metadata),
                metadata.getContentType().orElse("application/octet-stream"), body, publisher(metadata));
    }

    private static String publisher(IncomingRabbitMQMetadata metadata) {
        Map<String, Object> headers = metadata.getHeaders();
        Object value = headers == null ? null : headers.get(PUBLISHER_HEADER);
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        // a String, or the AMQP client's LongString, whose toString is its UTF-8 text
        return value == null ? null : value.toString();
    }

    private static byte[] body(Message<?> message) {
        if (message instanceof IncomingRabbitMQMessage<?> incoming) {
            return incoming.getRabbitMQMessage().body().getBytes();
        }
        Object payload = message.getPayload();
        return payload instanceof byte[] bytes ? bytes : String.valueOf(payload).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Instant timestamp(IncomingRabbitMQMetadata metadata) {
        Map<String, Object> headers = metadata.getHeaders();
        Object millis = headers == null ? null : headers.get(TIMESTAMP_MS_HEADER);
        if (millis instanceof Number number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        return metadata.getTimestamp(ZoneOffset.UTC).map(t -> t.toInstant()).orElseGet(Instant::now);
    }
}
