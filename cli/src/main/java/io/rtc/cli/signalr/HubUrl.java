package io.rtc.cli.signalr;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.rtc.cli.ws.ServerAddress;

/**
 * A hub's address, e.g. {@code http://localhost:8081/chatHub}, and the two requests made from it:
 * the negotiate POST and the WebSocket upgrade. ws:// and wss:// are accepted too (the official
 * clients accept both) and mean the same as http:// and https://.
 */
public record HubUrl(String url, String host, int port, boolean ssl, String path, String query) {

    public static HubUrl parse(String url) {
        ServerAddress address = ServerAddress.parse(url, List.of("http", "https", "ws", "wss"));
        String path = address.pathOr("");
        // ".../chatHub/" and ".../chatHub" are the same hub; the suffixes below add their own slash.
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new HubUrl(url, address.host(), address.port(), address.ssl(), path, address.uri().getRawQuery());
    }

    /** POST {@code <path>/negotiate?negotiateVersion=1}, keeping any query the URL had. */
    public RequestOptions negotiateRequest(Duration timeout) {
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(path + "/negotiate?" + withQuery("negotiateVersion=1"))
                .setTimeout(timeout.toMillis());
    }

    /**
     * The WebSocket upgrade; {@code connectionToken} null connects without negotiation (the
     * official clients' skipNegotiation), which gives the server no id to look up.
     */
    public WebSocketConnectOptions webSocket(String connectionToken, Duration handshakeTimeout) {
        String uri = path.isEmpty() ? "/" : path;
        if (connectionToken != null) {
            uri += "?" + withQuery("id=" + URLEncoder.encode(connectionToken, StandardCharsets.UTF_8));
        } else if (query != null) {
            uri += "?" + query;
        }
        return new WebSocketConnectOptions()
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(uri)
                .setTimeout(handshakeTimeout.toMillis());
    }

    private String withQuery(String parameter) {
        return query == null || query.isEmpty() ? parameter : query + "&" + parameter;
    }

    @Override
    public String toString() {
        return url;
    }
}
