package io.rtc.fanout.broker.rabbit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.AMQP;

import io.rtc.fanout.message.LogMessage;

/**
 * A {@link LogMessage} as AMQP properties and body, both ways. Persistent, with the message id, content
 * type, app id, AMQP's timestamp (whole seconds, for other AMQP clients) and the millisecond timestamp and
 * publisher as headers. Reading accepts what other AMQP clients send: no id, no headers, no content type.
 */
final class AmqpMessages {

    static final int PERSISTENT = 2;
    private static final String APP_ID = "fanout-service";
    private static final String OCTET_STREAM = "application/octet-stream";

    private AmqpMessages() {
    }

    static AMQP.BasicProperties properties(LogMessage message) {
        long millis = message.timestamp().toEpochMilli();
        Map<String, Object> headers = new HashMap<>(4);
        headers.put(LogMessage.TIMESTAMP_MS_HEADER, millis);
        if (message.publisher() != null) {
            headers.put(LogMessage.PUBLISHER_HEADER, message.publisher());
        }
        return new AMQP.BasicProperties.Builder()
                .messageId(message.id())
                .contentType(message.contentType())
                .deliveryMode(PERSISTENT)
                .timestamp(new Date(millis))
                .appId(APP_ID)
                .headers(headers)
                .build();
    }

    static LogMessage message(AMQP.BasicProperties properties, byte[] body) {
        Map<String, Object> headers = properties.getHeaders();
        return new LogMessage(properties.getMessageId(), timestamp(properties, headers),
                properties.getContentType() == null ? OCTET_STREAM : properties.getContentType(),
                body == null ? new byte[0] : body, publisher(headers));
    }

    private static Instant timestamp(AMQP.BasicProperties properties, Map<String, Object> headers) {
        Object millis = headers == null ? null : headers.get(LogMessage.TIMESTAMP_MS_HEADER);
        if (millis instanceof Number number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        Date timestamp = properties.getTimestamp();
        return timestamp == null ? Instant.now() : timestamp.toInstant();
    }

    private static String publisher(Map<String, Object> headers) {
        Object value = headers == null ? null : headers.get(LogMessage.PUBLISHER_HEADER);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        // a String, or the client's LongString, whose toString is its UTF-8 text
        return value == null ? null : value.toString();
    }
}
