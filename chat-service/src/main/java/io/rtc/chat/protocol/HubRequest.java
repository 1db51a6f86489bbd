package io.rtc.chat.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One message a client sent, as far as the hub cares: its SignalR message type, the invocation id
 * (null for a fire-and-forget invocation), the hub method and its arguments.
 */
public record HubRequest(int type, String invocationId, String target, ArrayNode arguments, boolean hasStreamIds) {

    public static final int INVOCATION = 1;
    public static final int STREAM_ITEM = 2;
    public static final int COMPLETION = 3;
    public static final int STREAM_INVOCATION = 4;
    public static final int CANCEL_INVOCATION = 5;
    public static final int PING = 6;
    public static final int CLOSE = 7;

    public boolean expectsCompletion() {
        return invocationId != null;
    }
}
