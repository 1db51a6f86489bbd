package io.rtc.cli.socketio;

import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.List;

import io.rtc.cli.ws.ServerAddress;

/**
 * A Socket.IO server's address, e.g. {@code http://localhost:8093}, turned into the Engine.IO v4
 * WebSocket request {@code ws://localhost:8093/socket.io/?EIO=4&transport=websocket}. A path in the
 * URL replaces the default {@code /socket.io/} (the server's {@code path} option).
 */
public record SocketIoUrl(String url, String host, int port, boolean ssl, String path) {

    public static final String DEFAULT_PATH = "/socket.io/";

    public static SocketIoUrl parse(String url) {
        ServerAddress address = ServerAddress.parse(url, List.of("http", "https", "ws", "wss"));
        String path = address.pathOr("/").equals("/") ? DEFAULT_PATH : address.pathOr("/");
        return new SocketIoUrl(url, address.host(), address.port(), address.ssl(), path.endsWith("/") ? path : path + "/");
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
