package io.rtc.common.signalr;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The end of an invocation: an {@code error}, a {@code result} ({@code hasResult}; a null result is
 * JSON null), or neither (a void method, the end of a stream). MessagePack tells these apart by its
 * ResultKind (1 error, 2 void, 3 result), JSON by which property is present.
 */
public record Completion(Map<String, String> headers, String invocationId, String error, JsonNode result,
        boolean hasResult) implements HubMessage {

    public Completion {
        headers = Fields.headers(headers);
        Fields.required(invocationId, "invocationId");
        if (error != null && hasResult) {
            throw new IllegalArgumentException("A Completion carries an error or a result, not both.");
        }
        result = hasResult ? Fields.value(result) : null;
    }

    public static Completion error(String invocationId, String error) {
        return new Completion(Map.of(), invocationId, Fields.required(error, "error"), null, false);
    }

    public static Completion result(String invocationId, JsonNode result) {
        return new Completion(Map.of(), invocationId, null, result, true);
    }

    /** A void result. */
    public static Completion empty(String invocationId) {
        return new Completion(Map.of(), invocationId, null, null, false);
    }

    @Override
    public int type() {
        return COMPLETION;
    }
}
