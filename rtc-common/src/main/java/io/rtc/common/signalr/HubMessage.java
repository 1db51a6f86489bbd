package io.rtc.common.signalr;

/**
 * One message of the SignalR hub protocol, whatever its encoding ({@link HubProtocol#json()} or
 * {@link HubProtocol#messagePack()}). The records are the wire types; their constructors normalize
 * absent parts (no headers, no stream ids, no arguments) to empty ones, so nothing read off the
 * wire is ever null where the protocol means "none".
 */
public sealed interface HubMessage
        permits Invocation, StreamInvocation, StreamItem, Completion, CancelInvocation, Ping, Close, Ack, Sequence {

    int INVOCATION = 1;
    int STREAM_ITEM = 2;
    int COMPLETION = 3;
    int STREAM_INVOCATION = 4;
    int CANCEL_INVOCATION = 5;
    int PING = 6;
    int CLOSE = 7;
    int ACK = 8;
    int SEQUENCE = 9;

    int type();

    /** Invocation, StreamInvocation, StreamItem, Completion, CancelInvocation: counted by stateful reconnect. */
    default boolean trackable() {
        return type() <= CANCEL_INVOCATION;
    }
}
