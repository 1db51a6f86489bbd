package io.rtc.cli.signalr;

import io.rtc.cli.auth.AccessToken;
import io.rtc.common.signalr.TransferFormat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * One connection's URL for the HTTP transports, {@code <hub>?id=<connectionToken>}, and what every
 * request to it carries: the token as {@code Authorization: Bearer}, and on POST bodies the content
 * type of the transfer format (raw bytes for MessagePack, as the official clients send them).
 *
 * @param timeout bounds each request whose answer is due at once (not a poll, not the event stream)
 */
record HttpEndpoint(Vertx vertx, HttpClient http, HubUrl hub, String connectionToken, String accessToken,
                    TransferFormat format, Duration timeout) {

    RequestOptions request(HttpMethod method) {
        return hub.connectionRequest(method, connectionToken, accessToken);
    }

    RequestOptions post() {
        return request(HttpMethod.POST).setIdleTimeout(timeout.toMillis()).putHeader(HttpHeaders.CONTENT_TYPE,
                format == TransferFormat.BINARY ? "application/octet-stream" : "text/plain;charset=UTF-8");
    }

    /**
     * The event stream's GET: the token in the query string too, as on WebSockets, since a browser's
     * EventSource cannot send headers (and a server may look there only).
     */
    RequestOptions eventStream() {
        RequestOptions get = request(HttpMethod.GET);
        if (accessToken != null) {
            get.setURI(AccessToken.withQueryParameter(get.getURI(), accessToken));
        }
        return get.putHeader(HttpHeaders.ACCEPT, "text/event-stream").putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    long timeoutMillis() {
        return Math.max(1, timeout.toMillis());
    }
}
