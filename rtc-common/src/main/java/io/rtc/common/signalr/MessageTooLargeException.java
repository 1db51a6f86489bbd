package io.rtc.common.signalr;

/** A record over the size limit: SignalR closes the connection, and a server closes with WebSocket code 1009. */
public class MessageTooLargeException extends InvalidMessageException {

    private final int limit;

    public MessageTooLargeException(int limit) {
        super("The maximum message size of " + limit + "B was exceeded.");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
