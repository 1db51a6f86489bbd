package io.rtc.cli.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON for the wire protocols (SignalR, Socket.IO) with Jackson's tree model and generator only:
 * no data binding, so nothing needs reflection. Thread-safe.
 */
public final class JsonText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {
    }

    /** Writes JSON with a generator, e.g. one object or one array. */
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    public static String write(Body body) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Protocol arguments: strings, whole or decimal numbers, booleans, JSON trees or null. */
    public static void writeValue(JsonGenerator json, Object value) throws IOException {
        json.writeTree(node(value));
    }

    /** The same arguments as a JSON array, e.g. a SignalR invocation's. */
    public static ArrayNode array(Object... values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(values.length);
        for (Object value : values) {
            array.add(node(value));
        }
        return array;
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        } else if (value instanceof String s) {
            return nodes.textNode(s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return nodes.numberNode(((Number) value).longValue());
        } else if (value instanceof Number n) {
            return nodes.numberNode(n.doubleValue());
        } else if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        } else if (value instanceof JsonNode node) {
            return node;
        }
        throw new IllegalArgumentException("unsupported argument type " + value.getClass().getName());
    }

    /** @throws IllegalArgumentException when {@code text} is not one JSON value */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("no JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + abbreviate(text));
        }
    }

    /** Keeps error messages about a peer's bad input to one readable line. */
    public static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
