package io.rtc.cli.signalr;

import io.rtc.cli.auth.AccessRefused;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocketClient;
import java.time.Duration;

/**
 * Connects to a hub the way the official clients do with the WebSocket transport: negotiate, then
 * the WebSocket with {@code ?id=<connectionToken>}, then the JSON protocol handshake. With
 * {@code skipNegotiation} it goes straight to the WebSocket, without an id.
 */
public final class HubConnector {

    private final Vertx vertx;
    private final HttpClient http;
    private final boolean skipNegotiation;
    private final Duration timeout;

    /** @param timeout bounds each step: the negotiate request, the upgrade and the handshake answer */
    public HubConnector(Vertx vertx, HttpClient http, boolean skipNegotiation, Duration timeout) {
        this.vertx = vertx;
        this.http = http;
        this.skipNegotiation = skipNegotiation;
        this.timeout = timeout;
    }

    /**
     * Must be called on the event loop the connection should live on. Fails with a
     * {@link HubException} when the server refused in words (negotiate or handshake error).
     */
    public Future<HubClient> connect(HubUrl hub, WebSocketClient webSockets, HubListener listener) {
        return connect(hub, webSockets, listener, null);
    }

    /**
     * The same, presenting the JWT {@code accessToken} (null: anonymous) on negotiate and on the WebSocket;
     * fails with {@link AccessRefused} when either answers 401 or 403.
     */
    public Future<HubClient> connect(HubUrl hub, WebSocketClient webSockets, HubListener listener, String accessToken) {
        Future<String> id = skipNegotiation ? Future.succeededFuture(null)
                : Negotiation.negotiate(http, hub, timeout, accessToken);
        return id.compose(token -> HubClient.open(vertx, webSockets, hub.webSocket(token, timeout, accessToken), listener,
                timeout).recover(failure -> {
                    AccessRefused refused = AccessRefused.ofUpgrade("WebSocket upgrade", failure);
                    return Future.failedFuture(refused != null ? refused : failure);
                }));
    }
}
