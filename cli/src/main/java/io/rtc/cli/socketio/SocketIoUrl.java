package io.rtc.cli.socketio;

import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * A Socket.IO server's address, e.g. {@code http://localhost:8093}, turned into the Engine.IO v4
 * WebSocket request {@code ws://localhost:8093/socket.io/?EIO=4&transport=websocket}. A path in the
 * URL replaces the default {@code /socket.io/} (the server's {@code path} option).
 */
public record SocketIoUrl(String url, String host, int port, boolean ssl, String path) {

    public static final String DEFAULT_PATH = "/socket.io/";

    public static SocketIoUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid URL '" + url + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        boolean ssl = scheme.equals("https") || scheme.equals("wss");
        if (!ssl && !scheme.equals("http") && !scheme.equals("ws")) {
            throw new IllegalArgumentException("Invalid URL '" + url + "': the scheme must be http://, https://, ws:// or wss://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Invalid URL '" + url + "': no host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")
                ? DEFAULT_PATH : uri.getRawPath();
        return new SocketIoUrl(url, uri.getHost(), port, ssl, path.endsWith("/") ? path : path + "/");
    }

    /** The WebSocket transport straight away: no long-polling first, no upgrade. */
    public WebSocketConnectOptions webSocket(Duration handshakeTimeout) {
        return new WebSocketConnectOptions()
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(path + "?EIO=4&transport=websocket")
                .setTimeout(handshakeTimeout.toMillis());
    }

    @Override
    public String toString() {
        return url;
    }
}
