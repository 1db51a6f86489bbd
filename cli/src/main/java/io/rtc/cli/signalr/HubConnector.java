package io.rtc.cli.signalr;

import io.rtc.cli.auth.AccessRefused;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocketClient;

/**
 * Connects to a hub the way the official clients do: negotiate, then the chosen transport with
 * {@code ?id=<connectionToken>} (if the server offers it with the protocol's transfer format), then
 * the handshake for the chosen protocol. With {@code skipNegotiation} (WebSockets only) it goes
 * straight to the WebSocket, without an id.
 */
public final class HubConnector {

    private final Vertx vertx;
    private final HubOptions options;

    public HubConnector(Vertx vertx, HubOptions options) {
        this.vertx = vertx;
        this.options = options;
    }

    public HubOptions options() {
        return options;
    }

    /**
     * Must be called on the event loop the connection should live on. {@code http} carries negotiate and
     * the HTTP transports, {@code webSockets} the WebSocket one. Presents the JWT {@code accessToken}
     * (null: anonymous) on every request; fails with {@link AccessRefused} when one answers 401 or 403, with a
     * {@link HubException} when the server refused in words (negotiate, a transport request, the handshake).
     */
    public Future<HubClient> connect(HubUrl hub, HttpClient http, WebSocketClient webSockets, HubListener listener,
                                     String accessToken) {
        Future<String> id = options.skipNegotiation() ? Future.succeededFuture(null)
                : Negotiation.negotiate(http, hub, options.timeout(), accessToken)
                        .map(negotiated -> negotiated.tokenFor(options.transport(), options.format()));
        return id.compose(token -> HubClient.open(vertx, options.protocol(),
                receiver -> transport(hub, http, webSockets, token, accessToken, receiver), listener, options.timeout()));
    }

    private Future<HubTransport> transport(HubUrl hub, HttpClient http, WebSocketClient webSockets, String token,
                                           String accessToken, HubTransport.Receiver receiver) {
        HttpEndpoint endpoint = new HttpEndpoint(vertx, http, hub, token, accessToken, options.format(), options.timeout());
        return switch (options.transport()) {
            case WEBSOCKETS -> WebSocketTransport.connect(webSockets, hub.webSocket(token, options.timeout(), accessToken),
                    options.format(), receiver).recover(failure -> {
                        AccessRefused refused = AccessRefused.ofUpgrade("WebSocket upgrade", failure);
                        return Future.failedFuture(refused != null ? refused : failure);
                    });
            case SERVER_SENT_EVENTS -> ServerSentEventsTransport.connect(endpoint, HubClient.MAX_MESSAGE_BYTES, receiver);
            case LONG_POLLING -> LongPollingTransport.connect(endpoint, HubClient.MAX_MESSAGE_BYTES, receiver);
        };
    }
}
