package io.rtc.common.signalr;

/** Keeps the connection and the peer's timeout alive; has no payload and no headers. */
public record Ping() implements HubMessage {

    public static final Ping INSTANCE = new Ping();

    @Override
    public int type() {
        return PING;
    }
}
