package io.rtc.common.signalr;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.buffer.ByteBuf;

/**
 * The handshake that opens every connection: always JSON + 0x1E, whatever protocol it chooses. The
 * client names a protocol and version; the server answers {@code {}} or an error and then closes.
 */
public final class Handshake {

    /** The server's answer when it accepts. Shared: never modify it. */
    public static final byte[] OK = "{}\u001e".getBytes(StandardCharsets.UTF_8);

    private Handshake() {
    }

    public record Request(String protocol, int version) {

        /** Why a server that speaks this codec's protocols up to {@code highestVersion} refuses it; null if it does not. */
        public String problem(int highestVersion) {
            if (HubProtocol.named(protocol) == null) {
                return "The protocol '" + protocol + "' is not supported.";
            }
            if (version < 1 || version > highestVersion) {
                return "The server does not support version " + version + " of the '" + protocol + "' protocol.";
            }
            return null;
        }
    }

    public static Request parseRequest(ByteBuf record) throws InvalidMessageException {
        JsonNode node = Json.object(record);
        JsonNode protocol = node.get("protocol");
        JsonNode version = node.get("version");
        if (protocol == null || !protocol.isTextual() || version == null || !version.isInt()) {
            throw new InvalidMessageException("Handshake request must carry 'protocol' and 'version'.");
        }
        return new Request(protocol.textValue(), version.intValue());
    }

    /** For clients: {@code {"protocol":"json","version":1}} + 0x1E. */
    public static byte[] request(String protocol, int version) {
        return Json.record(json -> {
            json.writeStringField("protocol", protocol);
            json.writeNumberField("version", version);
        });
    }

    /** {@code {"error":"..."}} + 0x1E. */
    public static byte[] error(String error) {
        return Json.record(json -> json.writeStringField("error", error));
    }

    /** For clients: null when the server accepted, else its error text. */
    public static String parseResponse(ByteBuf record) throws InvalidMessageException {
        JsonNode error = Json.object(record).get("error");
        if (error == null || error.isNull()) {
            return null;
        }
        return error.isTextual() ? error.textValue() : error.toString();
    }

    /**
     * Reads up to the first 0x1E only, within {@code maxMessageSize}: the bytes after it stay in the
     * fed buffer for the protocol's own reader (a client may send its first messages, or a server its
     * first Ping, in the handshake's frame). Feeds after that record read nothing.
     */
    public static RecordReader reader(int maxMessageSize) {
        return new TextRecordReader(maxMessageSize, true);
    }
}
