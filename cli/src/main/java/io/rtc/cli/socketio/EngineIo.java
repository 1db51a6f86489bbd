package io.rtc.cli.socketio;

import io.rtc.cli.json.JsonText;

/**
 * The text frames of Engine.IO v4 over WebSocket, with Socket.IO v5 inside its "message" packets.
 * On a WebSocket every frame is exactly one Engine.IO packet (no batching, unlike long-polling).
 */
public final class EngineIo {

    public static final char OPEN = '0';
    public static final char CLOSE = '1';
    public static final char PING = '2';
    public static final char PONG = '3';
    public static final char MESSAGE = '4';

    /** Our answer to the server's ping (in v4 the server pings and the client answers). */
    public static final String PONG_FRAME = "3";
    /** Connect to the main namespace, without auth payload. */
    public static final String CONNECT_FRAME = "40";
    public static final String DISCONNECT_FRAME = "41";

    private EngineIo() {
    }

    /** {@code 42[<ackId>]["event",args...]}; {@code ackId} -1 asks for no acknowledgement. */
    public static String event(long ackId, String event, Object... arguments) {
        return "42" + (ackId >= 0 ? Long.toString(ackId) : "") + array(event, arguments);
    }

    /** {@code 43<ackId>[args...]}: acknowledges an event the server sent with an ack id. */
    public static String ack(long ackId, Object... arguments) {
        return "43" + ackId + array(null, arguments);
    }

    private static String array(String first, Object[] rest) {
        return JsonText.write(json -> {
            json.writeStartArray();
            if (first != null) {
                json.writeString(first);
            }
            for (Object argument : rest) {
                JsonText.writeValue(json, argument);
            }
            json.writeEndArray();
        });
    }
}
