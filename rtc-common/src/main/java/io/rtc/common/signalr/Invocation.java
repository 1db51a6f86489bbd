package io.rtc.common.signalr;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Calls {@code target} on the other side. A null {@code invocationId} makes it non-blocking: the
 * callee must not answer. Non-empty {@code streamIds} name the caller's upload streams.
 */
public record Invocation(Map<String, String> headers, String invocationId, String target, ArrayNode arguments,
        List<String> streamIds) implements HubMessage {

    public Invocation {
        headers = Fields.headers(headers);
        Fields.required(target, "target");
        arguments = Fields.arguments(arguments);
        streamIds = Fields.streamIds(streamIds);
    }

    /** A non-blocking invocation with string arguments and no headers: what a hub sends its clients. */
    public static Invocation of(String target, String... stringArguments) {
        ArrayNode arguments = JsonNodeFactory.instance.arrayNode(stringArguments.length);
        for (String argument : stringArguments) {
            arguments.add(argument);
        }
        return new Invocation(Map.of(), null, target, arguments, List.of());
    }

    @Override
    public int type() {
        return INVOCATION;
    }
}
