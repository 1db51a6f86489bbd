package io.rtc.echo.endpoint;

import java.io.IOException;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.rtc.echo.config.EchoConfig;
import io.rtc.echo.events.EchoEvents;
import io.rtc.echo.metrics.EchoMetrics;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * The echo endpoint. {@code /} reaches it too (see {@link EchoRoutes}). Messages are normally answered by
 * {@link EchoFrameHandler} before they get here; the callbacks below answer them when {@code echo.fast-path}
 * is off. Every callback runs on the connection's event loop and returns at once, so events are handled in
 * arrival order without the per-connection serial queue (about 1 KiB a connection) that SERIAL mode keeps.
 */
@WebSocket(path = EchoEndpoint.PATH, inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class EchoEndpoint {

    public static final String PATH = "/echo";
    static final String REPLY_PREFIX = "Server Response: ";
    private static final int REPLY_PREFIX_BYTES = REPLY_PREFIX.length();
    private static final CloseReason FULL = new CloseReason(1013, "Server full, try again later");

    private final EchoMetrics metrics;
    private final PeerLiveness liveness;
    private final EchoConfig config;
    private final EchoEvents events;

    EchoEndpoint(EchoMetrics metrics, PeerLiveness liveness, EchoConfig config, EchoEvents events) {
        this.metrics = metrics;
        this.liveness = liveness;
        this.config = config;
        this.events = events;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        liveness.heard(connection);
        events.opened(connection.id()); // a refused connection below opens and closes (1013) too
        // The upgrade check admits against the same count, but concurrent upgrades may pass it together.
        if (metrics.opened() > config.maxConnections()) {
            metrics.rejected();
            return connection.close(FULL);
        }
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    @NonBlocking
    public String onText(String message) {
        int bytes = Utf8.length(message);
        metrics.text(bytes, bytes + REPLY_PREFIX_BYTES);
        return REPLY_PREFIX.concat(message);
    }

    @OnBinaryMessage
    @NonBlocking
    public Buffer onBinary(Buffer message) {
        metrics.binary(message.length());
        return message;
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(WebSocketConnection connection, Buffer data) {
        liveness.heard(connection);
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        metrics.closed();
        CloseReason reason = connection.closeReason();
        events.closed(connection.id(), reason == null ? null : reason.getCode());
    }

    /**
     * Invalid UTF-8 was already answered with a 1007 close by Netty's validator, which then reports it here
     * ({@link FrameGuard} keeps the other frame errors to itself). Counted, not logged as a server error.
     */
    @OnError
    @NonBlocking
    public void onBadFrame(WebSocketConnection connection, CorruptedWebSocketFrameException failure) {
        metrics.protocolError();
        Log.debugf("Bad input on %s: %s", connection.id(), failure.getMessage());
    }

    /** A peer that resets its connection is a network event, not a server error. */
    @OnError
    @NonBlocking
    public void onNetworkError(WebSocketConnection connection, IOException failure) {
        Log.debugf("Connection %s failed: %s", connection.id(), failure.getMessage());
    }
}
