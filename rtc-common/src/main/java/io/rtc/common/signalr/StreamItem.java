package io.rtc.common.signalr;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** One item of a stream: a streamed result, or an upload into one of an invocation's {@code streamIds}. */
public record StreamItem(Map<String, String> headers, String invocationId, JsonNode item) implements HubMessage {

    public StreamItem {
        headers = Fields.headers(headers);
        Fields.required(invocationId, "invocationId");
        item = Fields.value(item);
    }

    @Override
    public int type() {
        return STREAM_ITEM;
    }
}
