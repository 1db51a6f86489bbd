package io.rtc.common.signalr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

/** What the message records share: "none" becomes empty, and what the protocol requires may not be null. */
final class Fields {

    private Fields() {
    }

    /** Keeps the order the headers came in, so that a message re-encoded is the same bytes. */
    static Map<String, String> headers(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.forEach((key, value) -> {
            Objects.requireNonNull(key, "a header name");
            Objects.requireNonNull(value, "a header value");
        });
        return Collections.unmodifiableMap(copy);
    }

    static List<String> streamIds(List<String> streamIds) {
        return streamIds == null || streamIds.isEmpty() ? List.of() : List.copyOf(streamIds);
    }

    static ArrayNode arguments(ArrayNode arguments) {
        return arguments == null ? JsonNodeFactory.instance.arrayNode() : arguments;
    }

    static JsonNode value(JsonNode value) {
        return value == null ? NullNode.instance : value;
    }

    static String required(String value, String name) {
        return Objects.requireNonNull(value, name);
    }
}
