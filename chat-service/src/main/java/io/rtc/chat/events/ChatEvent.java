package io.rtc.chat.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.vertx.core.json.JsonObject;

/**
 * One event of the hub for the {@code logs} exchange. The hub only builds this record (its clock
 * read once); the JSON is written later, on the outbox's thread.
 */
public record ChatEvent(String type, long timestamp, String room, String user, String connectionId) {

    public static final String SOURCE = "chat-service";
    public static final String ROOM_JOINED = "room.joined";
    public static final String ROOM_LEFT = "room.left";
    public static final String MESSAGE_SENT = "message.sent";

    /** ISO-8601 in UTC, always with milliseconds ({@link Instant#toString} drops zero fractions). */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static ChatEvent now(String type, String room, String user, String connectionId) {
        return new ChatEvent(type, System.currentTimeMillis(), room, user, connectionId);
    }

    /** The wire form; {@code id} is also the AMQP message id. */
    byte[] toJson(String id) {
        return new JsonObject()
                .put("source", SOURCE)
                .put("type", type)
                .put("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(timestamp)))
                .put("id", id)
                .put("room", room)
                .put("user", user)
                .put("connectionId", connectionId)
                .encode().getBytes(StandardCharsets.UTF_8);
    }
}
