package io.rtc.cli.signalr;

import com.fasterxml.jackson.databind.JsonNode;
import io.rtc.cli.json.JsonText;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the records of the SignalR JSON hub protocol, version 1. Thread-safe.
 */
public final class HubCodec {

    public static final char RECORD_SEPARATOR = '\u001e';
    public static final String HANDSHAKE_REQUEST = "{\"protocol\":\"json\",\"version\":1}" + RECORD_SEPARATOR;
    public static final String PING = "{\"type\":6}" + RECORD_SEPARATOR;

    private HubCodec() {
    }

    /**
     * The handshake answer: null when the server accepted ({@code {}}), else its error text.
     *
     * @throws IllegalArgumentException when the record is not a handshake answer at all
     */
    public static String handshakeError(String record) {
        JsonNode node = JsonText.parse(record);
        if (!node.isObject()) {
            throw new IllegalArgumentException("handshake answer is not a JSON object: " + abbreviate(record));
        }
        JsonNode error = node.get("error");
        return error == null || error.isNull() ? null : error.asText();
    }

    /** @throws IllegalArgumentException when the record is not a hub message */
    public static HubMessage parse(String record) {
        JsonNode node = JsonText.parse(record);
        JsonNode type = node.get("type");
        if (type == null || !type.canConvertToInt()) {
            throw new IllegalArgumentException("hub message without a type: " + abbreviate(record));
        }
        return switch (type.asInt()) {
            case HubMessage.INVOCATION -> new HubMessage.Invocation(text(node, "invocationId"),
                    required(node, "target", record), arguments(node.get("arguments")));
            case HubMessage.COMPLETION -> new HubMessage.Completion(required(node, "invocationId", record),
                    node.get("result"), text(node, "error"));
            case HubMessage.PING -> new HubMessage.Ping();
            case HubMessage.CLOSE -> new HubMessage.Close(text(node, "error"),
                    node.path("allowReconnect").asBoolean(false));
            default -> new HubMessage.Other(type.asInt());
        };
    }

    /**
     * An Invocation record, separator included. {@code invocationId} null means no Completion is
     * wanted (a "send"). Arguments may be strings, numbers, booleans, JSON trees or null.
     */
    public static String invocation(String invocationId, String target, Object... arguments) {
        return write(json -> {
            json.writeNumberField("type", HubMessage.INVOCATION);
            if (invocationId != null) {
                json.writeStringField("invocationId", invocationId);
            }
            json.writeStringField("target", target);
            json.writeArrayFieldStart("arguments");
            for (Object argument : arguments) {
                JsonText.writeValue(json, argument);
            }
            json.writeEndArray();
        });
    }

    /** The answer to a server invocation that expects a result this client cannot give. */
    public static String completionError(String invocationId, String error) {
        return write(json -> {
            json.writeNumberField("type", HubMessage.COMPLETION);
            json.writeStringField("invocationId", invocationId);
            json.writeStringField("error", error);
        });
    }

    private static String write(JsonText.Body fields) {
        return JsonText.write(json -> {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        }) + RECORD_SEPARATOR;
    }

    private static List<JsonNode> arguments(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<JsonNode> arguments = new ArrayList<>(array.size());
        array.forEach(arguments::add);
        return arguments;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(JsonNode node, String field, String record) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("hub message without " + field + ": " + abbreviate(record));
        }
        return value;
    }

    static String abbreviate(String text) {
        return JsonText.abbreviate(text);
    }
}
