package io.rtc.chat.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * How a hub session's records reach its client and come back: a WebSocket, or one of the two
 * HTTP half-transports (Server-Sent Events, long polling) whose client-to-server half is POST.
 * Every method is called on {@link #loop()}.
 */
public interface Transport {

    /** The names negotiate offers, as the SignalR clients spell them. */
    enum Kind {
        WEB_SOCKETS("WebSockets"),
        SERVER_SENT_EVENTS("ServerSentEvents"),
        LONG_POLLING("LongPolling");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    Kind kind();

    /** The event loop that owns the client's connection (for SSE and long polling: the one that opened it). */
    EventLoop loop();

    /**
     * Writes whole records and takes ownership of {@code records}. {@code binary} is the protocol's
     * transfer format (a WebSocket frame type; long polling's content type).
     */
    void write(ByteBuf records, boolean binary);

    /** True while what was written waits beyond the client's bound: the client is not reading. */
    boolean congested();

    /** Stops taking records from the client (a WebSocket stops reading; POSTs are answered later). */
    void pauseInput();

    void resumeInput();

    /** Ends the transport after what was written: the WebSocket close frame carries code and reason. */
    void end(short code, String reason);

    /** Drops the client's connection now, without waiting for writes (a client that does not read). */
    void cut();

    /** True while the client side is still there (or, for long polling, within its disconnect timeout). */
    boolean open();
}
