package io.rtc.echo.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.vertx.core.json.JsonObject;

/**
 * One connection event for the {@code logs} exchange. The endpoint only builds this record (its
 * clock read once); the JSON is written later, on the outbox's thread.
 */
public record EchoEvent(String type, long timestamp, String connectionId, Integer closeCode) {

    public static final String SOURCE = "echo-service";
    public static final String OPENED = "connection.opened";
    public static final String CLOSED = "connection.closed";

    /** ISO-8601 in UTC, always with milliseconds ({@link Instant#toString} drops zero fractions). */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The wire form; {@code id} is also the AMQP message id. The close code only on connection.closed. */
    byte[] toJson(String id) {
        JsonObject json = new JsonObject()
                .put("source", SOURCE)
                .put("type", type)
                .put("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(timestamp)))
                .put("id", id)
                .put("connectionId", connectionId);
        if (CLOSED.equals(type)) {
            json.put("closeCode", closeCode);
        }
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }
}
