package io.rtc.cli.signalr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The records of the SignalR JSON hub protocol (version 1) that this client acts on. Anything
 * else the server may send (stream items, acks of stateful reconnect) is {@link Other} and ignored.
 */
public sealed interface HubMessage {

    int INVOCATION = 1;
    int COMPLETION = 3;
    int PING = 6;
    int CLOSE = 7;

    /** The server calls a client method; a non-null {@code invocationId} means it waits for a result. */
    record Invocation(String invocationId, String target, List<JsonNode> arguments) implements HubMessage {
    }

    /** The end of one of our invocations: {@code error} is null on success, {@code result} null for void. */
    record Completion(String invocationId, JsonNode result, String error) implements HubMessage {
    }

    record Ping() implements HubMessage {
    }

    /** The server ends the connection; {@code error} is null for a normal close. */
    record Close(String error, boolean allowReconnect) implements HubMessage {
    }

    record Other(int type) implements HubMessage {
    }
}
