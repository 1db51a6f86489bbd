package io.rtc.cli.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import io.rtc.cli.json.JsonText;

/**
 * A Socket.IO v5 packet, as carried in an Engine.IO v4 "message" packet: {@code <type>[/nsp,][ackId][json]},
 * e.g. {@code 2["ReceiveMessage","alice","hi"]} or {@code 31[]}. Binary packets (types 5 and 6) are
 * parsed but their attachments are not: this client never asks for them.
 *
 * @param namespace "/" unless the packet names another one
 * @param ackId     -1 when the packet carries none
 * @param data      the JSON payload, or null when there is none
 */
public record SocketIoPacket(int type, String namespace, long ackId, JsonNode data) {

    public static final int CONNECT = 0;
    public static final int DISCONNECT = 1;
    public static final int EVENT = 2;
    public static final int ACK = 3;
    public static final int CONNECT_ERROR = 4;

    /** @throws IllegalArgumentException when {@code text} is not a Socket.IO packet */
    public static SocketIoPacket parse(String text) {
        if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '6') {
            throw new IllegalArgumentException("not a Socket.IO packet: " + JsonText.abbreviate(text));
        }
        int type = text.charAt(0) - '0';
        int i = 1;
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            namespace = comma < 0 ? text.substring(i) : text.substring(i, comma);
            i = comma < 0 ? text.length() : comma + 1;
        }
        long ackId = -1;
        int digits = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i > digits) {
            ackId = Long.parseLong(text.substring(digits, i));
        }
        JsonNode data = i < text.length() ? JsonText.parse(text.substring(i)) : null;
        return new SocketIoPacket(type, namespace, ackId, data);
    }
}
