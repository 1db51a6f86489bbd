package io.rtc.common.signalr;

/**
 * The sender ends the connection; {@code error} is null for a normal close. {@code allowReconnect}
 * tells clients with automatic reconnects to try again (a server shutting down, say).
 */
public record Close(String error, boolean allowReconnect) implements HubMessage {

    @Override
    public int type() {
        return CLOSE;
    }
}
