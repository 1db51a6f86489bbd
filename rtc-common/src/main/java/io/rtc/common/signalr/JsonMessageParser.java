package io.rtc.common.signalr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Reads a JSON record's object into a message. The messages are the ones the hub has always sent
 * for the checks it has always made; properties a message type does not use are ignored, as the
 * official servers do.
 */
final class JsonMessageParser {

    private JsonMessageParser() {
    }

    static HubMessage parse(JsonNode node) throws InvalidMessageException {
        JsonNode type = node.get("type");
        if (type == null || !type.isInt()) {
            throw new InvalidMessageException("Missing or invalid 'type' property in message.");
        }
        String invocationId = optionalString(node, "invocationId");
        return switch (type.intValue()) {
            case HubMessage.INVOCATION -> new Invocation(headers(node), invocationId, target(node), arguments(node),
                    streamIds(node));
            case HubMessage.STREAM_INVOCATION -> new StreamInvocation(headers(node), required(invocationId),
                    target(node), arguments(node), streamIds(node));
            case HubMessage.STREAM_ITEM -> new StreamItem(headers(node), required(invocationId), node.get("item"));
            case HubMessage.COMPLETION -> completion(node, required(invocationId));
            case HubMessage.CANCEL_INVOCATION -> new CancelInvocation(headers(node), required(invocationId));
            case HubMessage.PING -> Ping.INSTANCE;
            case HubMessage.CLOSE -> new Close(optionalString(node, "error"), allowReconnect(node));
            case HubMessage.ACK -> new Ack(sequenceId(node));
            case HubMessage.SEQUENCE -> new Sequence(sequenceId(node));
            default -> throw new UnknownMessageTypeException(type.intValue());
        };
    }

    private static Completion completion(JsonNode node, String invocationId) throws InvalidMessageException {
        String error = optionalString(node, "error");
        JsonNode result = node.get("result");
        if (error != null && result != null) {
            throw new InvalidMessageException("The 'error' and 'result' properties are mutually exclusive.");
        }
        return new Completion(headers(node), invocationId, error, result, result != null);
    }

    private static String target(JsonNode node) throws InvalidMessageException {
        JsonNode target = node.get("target");
        if (target == null || !target.isTextual()) {
            throw new InvalidMessageException("Missing required property 'target'.");
        }
        return target.textValue();
    }

    private static ArrayNode arguments(JsonNode node) throws InvalidMessageException {
        JsonNode arguments = node.get("arguments");
        if (arguments == null || !arguments.isArray()) {
            throw new InvalidMessageException("Missing required property 'arguments'.");
        }
        return (ArrayNode) arguments;
    }

    private static List<String> streamIds(JsonNode node) throws InvalidMessageException {
        JsonNode ids = node.get("streamIds");
        if (ids == null || ids.isNull()) {
            return List.of();
        }
        if (!ids.isArray()) {
            throw new InvalidMessageException("Expected 'streamIds' to be an array of strings.");
        }
        List<String> streamIds = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw new InvalidMessageException("Expected 'streamIds' to be an array of strings.");
            }
            streamIds.add(id.textValue());
        }
        return streamIds;
    }

    private static Map<String, String> headers(JsonNode node) throws InvalidMessageException {
        JsonNode headers = node.get("headers");
        if (headers == null || headers.isNull() || headers.isEmpty() && headers.isObject()) {
            return Map.of();
        }
        if (!headers.isObject()) {
            throw new InvalidMessageException("Expected 'headers' to be an object of strings.");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            if (!header.getValue().isTextual()) {
                throw new InvalidMessageException("Expected 'headers' to be an object of strings.");
            }
            map.put(header.getKey(), header.getValue().textValue());
        }
        return map;
    }

    private static boolean allowReconnect(JsonNode node) throws InvalidMessageException {
        JsonNode allow = node.get("allowReconnect");
        if (allow == null || allow.isNull()) {
            return false;
        }
        if (!allow.isBoolean()) {
            throw new InvalidMessageException("Expected 'allowReconnect' to be of type Boolean.");
        }
        return allow.booleanValue();
    }

    private static long sequenceId(JsonNode node) throws InvalidMessageException {
        JsonNode id = node.get("sequenceId");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            throw new InvalidMessageException("Missing or invalid 'sequenceId' property in message.");
        }
        return id.longValue();
    }

    private static String optionalString(JsonNode node, String name) throws InvalidMessageException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidMessageException("Expected '" + name + "' to be of type String.");
        }
        return value.textValue();
    }

    private static String required(String invocationId) throws InvalidMessageException {
        if (invocationId == null) {
            throw new InvalidMessageException("Missing required property 'invocationId'.");
        }
        return invocationId;
    }
}
