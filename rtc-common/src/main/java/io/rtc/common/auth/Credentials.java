package io.rtc.common.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Where clients put their token: {@code Authorization: Bearer} on ordinary requests, and the
 * {@code access_token} query parameter where a browser cannot set headers (WebSocket, Server-Sent Events),
 * as the SignalR clients do.
 */
public final class Credentials {

    public static final String QUERY_PARAMETER = "access_token";
    private static final String BEARER = "Bearer ";

    private Credentials() {
    }

    /** The request's bearer token, or null when it carries none. */
    public static String of(HttpServerRequest request) {
        String token = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            String query = request.getParam(QUERY_PARAMETER);
            token = query == null || query.isBlank() ? null : query.trim();
        }
        return token;
    }

    /** The token of an {@code Authorization} header value, or null when it is not a bearer token. */
    public static String bearer(String header) {
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
