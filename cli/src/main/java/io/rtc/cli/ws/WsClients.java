package io.rtc.cli.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.time.Duration;

/** Creates the Vert.x WebSocket clients used by every command, with limits suited to the echo protocol. */
public final class WsClients {

    /**
     * Frames we accept. A server may answer a 64 KiB message with one frame of 64 KiB plus the
     * 17-byte reply prefix (Node's ws does), so the default of exactly 64 KiB would be too small.
     */
    public static final int MAX_FRAME_BYTES = 128 * 1024;
    public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private WsClients() {
    }

    /**
     * Call once on each new Vert.x instance, before its first connect. Vert.x 4.5 cancels a WebSocket
     * client's handshake timer only when the timer id is above 0 (eclipse-vertx/vert.x#5578), and the
     * first timer of an instance has id 0: if that is a handshake timer, the connection is closed
     * (code 1000) one connect timeout after it opened. Taking id 0 here leaves none for that.
     */
    public static Vertx reserveTimerIdZero(Vertx vertx) {
        vertx.cancelTimer(vertx.setTimer(1, id -> { }));
        return vertx;
    }

    /**
     * @param localAddress the source address to bind, or {@code null} for the system's choice;
     *                     binding different 127.0.0.x addresses multiplies the ephemeral ports available
     */
    public static WebSocketClient create(Vertx vertx, Duration connectTimeout, String localAddress) {
        WebSocketClientOptions options = new WebSocketClientOptions()
                .setMaxFrameSize(MAX_FRAME_BYTES)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                // Vert.x queues connects beyond this per-server limit (default 50); -1 is not honoured
                // by the 4.5 endpoint, so use a limit that is never reached.
                .setMaxConnections(Integer.MAX_VALUE)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .setTcpNoDelay(true)
                // Seconds to wait for the server to close TCP after the closing handshake.
                .setClosingTimeout(2);
        if (localAddress != null) {
            options.setLocalAddress(localAddress);
        }
        return vertx.createWebSocketClient(options);
    }
}
