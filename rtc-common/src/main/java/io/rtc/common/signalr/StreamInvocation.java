package io.rtc.common.signalr;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Calls a streaming {@code target}: the callee answers with StreamItems, then a Completion. */
public record StreamInvocation(Map<String, String> headers, String invocationId, String target, ArrayNode arguments,
        List<String> streamIds) implements HubMessage {

    public StreamInvocation {
        headers = Fields.headers(headers);
        Fields.required(invocationId, "invocationId");
        Fields.required(target, "target");
        arguments = Fields.arguments(arguments);
        streamIds = Fields.streamIds(streamIds);
    }

    @Override
    public int type() {
        return STREAM_INVOCATION;
    }
}
