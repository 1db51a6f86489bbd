package io.rtc.common.signalr;

/**
 * The peer broke the hub protocol's framing or message shape. SignalR closes the connection for
 * this, and the message is what the Close shows the client. Without a stack trace: a client can
 * cause as many as it likes, and the trace would only point into the codec.
 */
public class InvalidMessageException extends Exception {

    public InvalidMessageException(String message) {
        super(message, null, false, false);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
