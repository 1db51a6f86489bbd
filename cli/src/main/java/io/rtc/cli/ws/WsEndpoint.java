package io.rtc.cli.ws;

import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A validated {@code ws://} or {@code wss://} address. Parsed once up front so that a typo is a
 * usage error instead of a failure in the middle of opening thousands of connections.
 */
public record WsEndpoint(String url, String host, int port, String requestUri, boolean ssl) {

    public static WsEndpoint parse(String url) {
        ServerAddress address = ServerAddress.parse(url, List.of("ws", "wss"));
        URI uri = address.uri();
        String path = address.pathOr("/");
        String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new WsEndpoint(url, address.host(), address.port(), requestUri, address.ssl());
    }

    /** Options for one connect; {@code handshakeTimeout} bounds the HTTP upgrade, not the connection's life. */
    public WebSocketConnectOptions connectOptions(Duration handshakeTimeout) {
        return new WebSocketConnectOptions()
                .setHost(host)
                .setPort(port)
                .setURI(requestUri)
                .setSsl(ssl)
                .setTimeout(handshakeTimeout.toMillis());
    }

    @Override
    public String toString() {
        return url;
    }
}
