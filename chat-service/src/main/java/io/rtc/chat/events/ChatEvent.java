package io.rtc.chat.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.rtc.common.events.OutboundEvent;
import io.vertx.core.json.JsonObject;

/** One event of the hub for the {@code logs} exchange. */
public record ChatEvent(String type, long timestamp, String room, String user, String connectionId) implements OutboundEvent {

    public static final String SOURCE = "chat-service";
    public static final String ROOM_JOINED = "room.joined";
    public static final String ROOM_LEFT = "room.left";
    public static final String MESSAGE_SENT = "message.sent";

    static ChatEvent now(String type, String room, String user, String connectionId) {
        return new ChatEvent(type, System.currentTimeMillis(), room, user, connectionId);
    }

    @Override
    public byte[] toJson(String id) {
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
