package io.rtc.chat.protocol;

/** The client broke the hub protocol's framing or message shape: SignalR closes the connection for this. */
public class InvalidMessageException extends Exception {

    public InvalidMessageException(String message) {
        super(message, null, false, false);
    }
}
