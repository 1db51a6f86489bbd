package io.rtc.common.signalr;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes a message's properties in the order the hub always wrote them (type first, optional ones
 * only when present), so that records stay byte-identical to what clients and tests already see.
 */
final class JsonMessageWriter {

    private JsonMessageWriter() {
    }

    static Json.Body body(HubMessage message) {
        return json -> {
            json.writeNumberField("type", message.type());
            if (message instanceof Invocation m) {
                invocation(json, m.headers(), m.invocationId(), m.target(), m.arguments(), m.streamIds());
            } else if (message instanceof StreamInvocation m) {
                invocation(json, m.headers(), m.invocationId(), m.target(), m.arguments(), m.streamIds());
            } else if (message instanceof StreamItem m) {
                headers(json, m.headers());
                json.writeStringField("invocationId", m.invocationId());
                tree(json, "item", m.item());
            } else if (message instanceof Completion m) {
                completion(json, m);
            } else if (message instanceof CancelInvocation m) {
                headers(json, m.headers());
                json.writeStringField("invocationId", m.invocationId());
            } else if (message instanceof Close m) {
                close(json, m);
            } else if (message instanceof Ack m) {
                json.writeNumberField("sequenceId", m.sequenceId());
            } else if (message instanceof Sequence m) {
                json.writeNumberField("sequenceId", m.sequenceId());
            }
            // a Ping is its type alone
        };
    }

    private static void invocation(JsonGenerator json, Map<String, String> headers, String invocationId, String target,
            Iterable<JsonNode> arguments, List<String> streamIds) throws IOException {
        headers(json, headers);
        if (invocationId != null) {
            json.writeStringField("invocationId", invocationId);
        }
        json.writeStringField("target", target);
        json.writeArrayFieldStart("arguments");
        for (JsonNode argument : arguments) {
            Json.writeTree(json, argument);
        }
        json.writeEndArray();
        if (!streamIds.isEmpty()) {
            json.writeArrayFieldStart("streamIds");
            for (String id : streamIds) {
                json.writeString(id);
            }
            json.writeEndArray();
        }
    }

    private static void completion(JsonGenerator json, Completion completion) throws IOException {
        headers(json, completion.headers());
        json.writeStringField("invocationId", completion.invocationId());
        if (completion.error() != null) {
            json.writeStringField("error", completion.error());
        } else if (completion.hasResult()) {
            tree(json, "result", completion.result());
        }
    }

    private static void close(JsonGenerator json, Close close) throws IOException {
        if (close.error() != null) {
            json.writeStringField("error", close.error());
        }
        if (close.allowReconnect()) {
            json.writeBooleanField("allowReconnect", true);
        }
    }

    private static void headers(JsonGenerator json, Map<String, String> headers) throws IOException {
        if (headers.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            json.writeStringField(header.getKey(), header.getValue());
        }
        json.writeEndObject();
    }

    private static void tree(JsonGenerator json, String name, JsonNode value) throws IOException {
        json.writeFieldName(name);
        Json.writeTree(json, value);
    }
}
