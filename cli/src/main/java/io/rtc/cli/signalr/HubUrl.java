package io.rtc.cli.signalr;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.rtc.cli.auth.AccessToken;
import io.rtc.cli.ws.ServerAddress;

/**
 * A hub's address, e.g. {@code http://localhost:8081/chatHub}, and the requests made from it: the
 * negotiate POST, the WebSocket upgrade, and the GETs, POSTs and DELETE of the HTTP transports.
 * ws:// and wss:// are accepted too (the official clients accept both) and mean the same as
 * http:// and https://.
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
        return negotiateRequest(timeout, null);
    }

    /** The same, with {@code Authorization: Bearer <accessToken>} unless the token is null. */
    public RequestOptions negotiateRequest(Duration timeout, String accessToken) {
        return AccessToken.addTo(new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(path + "/negotiate?" + withQuery("negotiateVersion=1"))
                .setTimeout(timeout.toMillis()), accessToken);
    }

    /**
     * The WebSocket upgrade; {@code connectionToken} null connects without negotiation (the
     * official clients' skipNegotiation), which gives the server no id to look up.
     */
    public WebSocketConnectOptions webSocket(String connectionToken, Duration handshakeTimeout) {
        return webSocket(connectionToken, handshakeTimeout, null);
    }

    /** The same, with the JWT as {@code access_token} and {@code Authorization: Bearer} unless it is null. */
    public WebSocketConnectOptions webSocket(String connectionToken, Duration handshakeTimeout, String accessToken) {
        return AccessToken.addTo(new WebSocketConnectOptions()
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(connectionUri(connectionToken))
                .setTimeout(handshakeTimeout.toMillis()), accessToken);
    }

    /**
     * A request of the SSE and long-polling transports to {@code <path>?id=<connectionToken>}, with
     * {@code Authorization: Bearer <accessToken>} unless the token is null. No timeout: a poll or an event
     * stream is open as long as the server likes, so each transport bounds what it waits for itself.
     */
    public RequestOptions connectionRequest(HttpMethod method, String connectionToken, String accessToken) {
        return AccessToken.addTo(new RequestOptions()
                .setMethod(method)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(connectionUri(connectionToken)), accessToken);
    }

    /** The hub's path with {@code ?id=}, or as given when {@code connectionToken} is null. */
    private String connectionUri(String connectionToken) {
        String uri = path.isEmpty() ? "/" : path;
        if (connectionToken != null) {
            return uri + "?" + withQuery("id=" + URLEncoder.encode(connectionToken, StandardCharsets.UTF_8));
        }
        return query != null ? uri + "?" + query : uri;
    }

    private String withQuery(String parameter) {
        return query == null || query.isEmpty() ? parameter : query + "&" + parameter;
    }

    @Override
    public String toString() {
        return url;
    }
}
