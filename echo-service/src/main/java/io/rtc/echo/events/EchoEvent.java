package io.rtc.echo.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.rtc.common.events.OutboundEvent;
import io.vertx.core.json.JsonObject;

/** One connection event for the {@code logs} exchange. */
public record EchoEvent(String type, long timestamp, String connectionId, Integer closeCode) implements OutboundEvent {

    public static final String SOURCE = "echo-service";
    public static final String OPENED = "connection.opened";
    public static final String CLOSED = "connection.closed";

    /** The close code only on connection.closed. */
    @Override
    public byte[] toJson(String id) {
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
