package io.rtc.common.signalr;

import java.util.Map;

/** The caller no longer wants the results of {@code invocationId}; the callee still completes it. */
public record CancelInvocation(Map<String, String> headers, String invocationId) implements HubMessage {

    public CancelInvocation {
        headers = Fields.headers(headers);
        Fields.required(invocationId, "invocationId");
    }

    @Override
    public int type() {
        return CANCEL_INVOCATION;
    }
}
