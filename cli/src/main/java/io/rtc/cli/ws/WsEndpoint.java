package io.rtc.cli.ws;

import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * A validated {@code ws://} or {@code wss://} address. Parsed once up front so that a typo is a
 * usage error instead of a failure in the middle of opening thousands of connections.
 */
public record WsEndpoint(String url, String host, int port, String requestUri, boolean ssl) {

    public static WsEndpoint parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid URL '" + url + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("Invalid URL '" + url + "': the scheme must be ws:// or wss://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Invalid URL '" + url + "': no host");
        }
        boolean ssl = scheme.equals("wss");
        int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new WsEndpoint(url, uri.getHost(), port, requestUri, ssl);
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
