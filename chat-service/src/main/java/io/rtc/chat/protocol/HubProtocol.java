package io.rtc.chat.protocol;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The SignalR JSON hub protocol, version 1: each message is a JSON object followed by the record
 * separator 0x1E. Reads what clients send and writes what the hub sends, with Jackson's tree and
 * streaming APIs only (no reflection, so it stays native-friendly).
 */
public final class HubProtocol {

    public static final char RECORD_SEPARATOR = '\u001e';
    public static final String PING = "{\"type\":6}" + RECORD_SEPARATOR;
    public static final String HANDSHAKE_OK = "{}" + RECORD_SEPARATOR;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private HubProtocol() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses one record (without its separator). */
    public static HubRequest parse(String record) throws InvalidMessageException {
        JsonNode node = tree(record);
        JsonNode type = node.get("type");
        if (type == null || !type.isInt()) {
            throw new InvalidMessageException("Missing or invalid 'type' property in message.");
        }
        JsonNode id = node.get("invocationId");
        if (id != null && !id.isNull() && !id.isTextual()) {
            throw new InvalidMessageException("Expected 'invocationId' to be of type String.");
        }
        String invocationId = id == null || id.isNull() ? null : id.asText();
        int kind = type.asInt();
        if (kind != HubRequest.INVOCATION && kind != HubRequest.STREAM_INVOCATION) {
            return new HubRequest(kind, invocationId, null, null, false);
        }
        JsonNode target = node.get("target");
        if (target == null || !target.isTextual()) {
            throw new InvalidMessageException("Missing required property 'target'.");
        }
        JsonNode arguments = node.get("arguments");
        if (arguments == null || !arguments.isArray()) {
            throw new InvalidMessageException("Missing required property 'arguments'.");
        }
        JsonNode streamIds = node.get("streamIds");
        boolean streams = streamIds != null && streamIds.isArray() && !streamIds.isEmpty();
        return new HubRequest(kind, invocationId, target.asText(), (ArrayNode) arguments, streams);
    }

    /** Parses the handshake request and returns the problem, or null when it asks for JSON version 1. */
    public static String handshakeProblem(String record) throws InvalidMessageException {
        JsonNode node = tree(record);
        JsonNode protocol = node.get("protocol");
        JsonNode version = node.get("version");
        if (protocol == null || !protocol.isTextual() || version == null || !version.isInt()) {
            throw new InvalidMessageException("Handshake request must carry 'protocol' and 'version'.");
        }
        if (!"json".equals(protocol.asText())) {
            return "The protocol '" + protocol.asText() + "' is not supported.";
        }
        if (version.asInt() != 1) {
            return "The server does not support version " + version.asInt() + " of the 'json' protocol.";
        }
        return null;
    }

    public static String handshakeError(String error) {
        return write(json -> json.writeStringField("error", error));
    }

    /** A server-to-client invocation with no id (the client does not answer it). */
    public static String invocation(String target, String... arguments) {
        return write(json -> {
            json.writeNumberField("type", HubRequest.INVOCATION);
            json.writeStringField("target", target);
            json.writeArrayFieldStart("arguments");
            for (String argument : arguments) {
                json.writeString(argument);
            }
            json.writeEndArray();
        });
    }

    public static String completion(String invocationId, JsonNode result) {
        return write(json -> {
            json.writeNumberField("type", HubRequest.COMPLETION);
            json.writeStringField("invocationId", invocationId);
            if (result != null) {
                json.writeFieldName("result");
                MAPPER.writeTree(json, result);
            }
        });
    }

    public static String completionError(String invocationId, String error) {
        return write(json -> {
            json.writeNumberField("type", HubRequest.COMPLETION);
            json.writeStringField("invocationId", invocationId);
            json.writeStringField("error", error);
        });
    }

    public static String close(String error, boolean allowReconnect) {
        return write(json -> {
            json.writeNumberField("type", HubRequest.CLOSE);
            if (error != null) {
                json.writeStringField("error", error);
            }
            if (allowReconnect) {
                json.writeBooleanField("allowReconnect", true);
            }
        });
    }

    private static JsonNode tree(String record) throws InvalidMessageException {
        try {
            JsonNode node = MAPPER.readTree(record);
            if (node == null || !node.isObject()) {
                throw new InvalidMessageException("Message is not a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("Message is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append(RECORD_SEPARATOR).toString();
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }
}
