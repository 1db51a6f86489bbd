package io.rtc.fanout.message;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/**
 * One message of the exchange as it came from the broker: its id (null from AMQP clients that set
 * none), when it was published, its content type and its raw body.
 */
public record LogMessage(String id, Instant timestamp, String contentType, byte[] body) {

    /** Header with the publish time in milliseconds; AMQP's own timestamp property has whole seconds only. */
    public static final String TIMESTAMP_MS_HEADER = "x-timestamp-ms";

    public static LogMessage from(Message<?> message) {
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        byte[] body = body(message);
        if (metadata == null) {
            return new LogMessage(null, Instant.now(), "application/octet-stream", body);
        }
        return new LogMessage(metadata.getMessageId().orElse(null), timestamp(metadata),
                metadata.getContentType().orElse("application/octet-stream"), body);
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
