package io.rtc.cli.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import io.rtc.cli.auth.AccessRefused;
import io.rtc.cli.auth.AccessToken;
import io.rtc.cli.json.JsonText;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The REST side of fanout-service, on a Vert.x HttpClient: publish one message, read the archive.
 * Used by {@code rtc publish} (one request at a time) and {@code rtc bench fanout} (many in flight
 * on each event loop); the futures complete on the caller's context.
 */
public final class LogsApi {

    /** fanout-service refuses larger bodies with 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private LogsApi() {
    }

    /**
     * An HTTP/1.1 client with keep-alive and without pipelining, so each request in flight holds
     * one connection of the pool: {@code poolSize} is the most requests on the wire at once.
     */
    public static HttpClient client(Vertx vertx, int poolSize, Duration connectTimeout, String localAddress) {
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())));
        if (localAddress != null) {
            options.setLocalAddress(localAddress);
        }
        return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(Math.max(1, poolSize)));
    }

    /**
     * {@code POST /api/logs} with {@code body}; fails only when no answer came (connect refused,
     * connection lost, timeout): every HTTP status is an outcome.
     *
     * @param messageId the {@code Message-Id} header, or null to let the server choose the id
     */
    public static Future<PublishOutcome> publish(HttpClient http, LogsUrl url, String messageId, String contentType,
                                                 Buffer body, Duration timeout) {
        return publish(http, url, messageId, contentType, body, timeout, null);
    }

    /** The same with {@code Authorization: Bearer <accessToken>}, unless it is null. */
    public static Future<PublishOutcome> publish(HttpClient http, LogsUrl url, String messageId, String contentType,
                                                 Buffer body, Duration timeout, String accessToken) {
        return http.request(AccessToken.addTo(url.publishRequest(timeout), accessToken)).compose(request -> {
            request.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
            if (messageId != null) {
                request.putHeader(MessageIds.HEADER, messageId);
            }
            return request.send(body);
        }).compose(response -> response.body().map(answer ->
                publishOutcome(response.statusCode(), answer.toString(), response::getHeader)));
    }

    /**
     * What an answer to {@code POST /api/logs} means, for a client that reads the answer itself.
     *
     * @param header the answer's header of a given name (any case), or null when it has none
     */
    public static PublishOutcome publishOutcome(int status, String body, Function<String, String> header) {
        if (AccessRefused.refuses(status)) {
            // the reason may be only in WWW-Authenticate (a proxy's refusal, an empty body)
            return new PublishOutcome(status, null, AccessRefused.reason(status, body,
                    header.apply(AccessRefused.WWW_AUTHENTICATE)), null);
        }
        return outcome(status, body, header.apply(HttpHeaders.RETRY_AFTER.toString()));
    }

    /** {@code GET /api/logs?limit=N}: the raw JSON array, or a failure naming the status. */
    public static Future<Buffer> archive(HttpClient http, LogsUrl url, int limit, Duration timeout) {
        return http.request(url.archiveRequest(limit, timeout))
                .compose(request -> request.send())
                .compose(response -> response.body().compose(body -> response.statusCode() == 200
                        ? Future.succeededFuture(body)
                        : Future.failedFuture("GET " + url.basePath() + LogsUrl.LOGS_PATH + " answered "
                                + new PublishOutcome(response.statusCode(), null, errorOf(body.toString()), null).describe())));
    }

    static PublishOutcome outcome(int status, String body, String retryAfter) {
        if (status >= 200 && status < 300) {
            return new PublishOutcome(status, idOf(body), null, null);
        }
        return new PublishOutcome(status, null, errorOf(body), RetryAfter.parse(retryAfter, Instant.now()));
    }

    /** The {@code id} of {@code {"id": "..."}}, or null. */
    public static String idOf(String body) {
        try {
            JsonNode node = JsonText.parse(body);
            return node.hasNonNull("id") ? node.get("id").asText() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The {@code error} of {@code {"error": "..."}}, else the body's first non-blank line, shortened; null if empty. */
    public static String errorOf(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JsonText.parse(body);
            if (node.hasNonNull("error")) {
                return JsonText.abbreviate(node.get("error").asText());
            }
        } catch (IllegalArgumentException e) {
            // not JSON: plain text below
        }
        return JsonText.abbreviate(body.strip().lines().findFirst().orElse("").strip());
    }
}
