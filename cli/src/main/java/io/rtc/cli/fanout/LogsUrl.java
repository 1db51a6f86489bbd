package io.rtc.cli.fanout;

import io.rtc.cli.ws.ServerAddress;
import io.rtc.cli.ws.WsEndpoint;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.List;

/**
 * The base address of a fanout-service, e.g. {@code http://localhost:8082}, and the requests made
 * from it: {@code POST <base>/api/logs}, {@code GET <base>/api/logs?limit=N} and the WebSocket
 * {@code <base>/logs/stream} (ws or wss from http or https). A path in the base (a service behind a
 * prefix) is kept: {@code http://h/fanout} posts to {@code /fanout/api/logs}.
 */
public record LogsUrl(String url, String host, int port, boolean ssl, String basePath) {

    public static final String LOGS_PATH = "/api/logs";
    public static final String STREAM_PATH = "/logs/stream";

    public static LogsUrl parse(String url) {
        ServerAddress address = ServerAddress.parse(url, List.of("http", "https"));
        String path = address.pathOr("");
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (address.uri().getRawQuery() != null) {
            throw new IllegalArgumentException("Invalid URL '" + url + "': a base URL takes no query");
        }
        return new LogsUrl(url, address.host(), address.port(), address.ssl(), path);
    }

    /** {@code POST <base>/api/logs}; the caller adds the headers and the body. */
    public RequestOptions publishRequest(Duration timeout) {
        return request(HttpMethod.POST, basePath + LOGS_PATH, timeout);
    }

    /** {@code GET <base>/api/logs?limit=N}: the newest N archived messages, oldest first. */
    public RequestOptions archiveRequest(int limit, Duration timeout) {
        return request(HttpMethod.GET, basePath + LOGS_PATH + "?limit=" + limit, timeout);
    }

    /** The stream of every message, as a WebSocket URL on the same server. */
    public WsEndpoint stream() {
        String scheme = ssl ? "wss" : "ws";
        return WsEndpoint.parse(scheme + "://" + hostInUrl() + ":" + port + basePath + STREAM_PATH);
    }

    /** The host as a URL or a Host header writes it: an IPv6 address in brackets. */
    public String hostInUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Where a publish goes, for messages to the user: {@code http://host:port/api/logs}. */
    public String publishUrl() {
        return (ssl ? "https" : "http") + "://" + host + ":" + port + basePath + LOGS_PATH;
    }

    private RequestOptions request(HttpMethod method, String uri, Duration timeout) {
        return new RequestOptions()
                .setMethod(method)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(uri)
                .setTimeout(timeout.toMillis());
    }

    @Override
    public String toString() {
        return url;
    }
}
