package io.rtc.common.http;

import io.rtc.common.auth.AuthException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** The services' refusals on plain Vert.x routes: a status, the headers a client acts on, and a one-line reason. */
public final class Refuse {

    private Refuse() {
    }

    /** 401 with {@code WWW-Authenticate: Bearer} (RFC 6750), naming the problem of a token that was sent. */
    public static void unauthorized(HttpServerResponse response, AuthException reason, boolean tokenSent) {
        response.putHeader("WWW-Authenticate", wwwAuthenticate(reason, tokenSent));
        text(response, 401, reason.getMessage());
    }

    /** The {@code WWW-Authenticate} value for a refused token; a reason without quotes or control characters. */
    public static String wwwAuthenticate(AuthException reason, boolean tokenSent) {
        return tokenSent ? "Bearer error=\"invalid_token\", error_description=\""
                + reason.getMessage().replaceAll("[\"\\\\\\p{Cntrl}]", "") + "\"" : "Bearer";
    }

    /** 403: the token is fine, but it does not grant this. */
    public static void forbidden(HttpServerResponse response, String reason) {
        text(response, 403, reason);
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1). */
    public static void tooMany(HttpServerResponse response, long retryAfterSeconds, String reason) {
        response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
        text(response, 429, reason);
    }

    public static void text(HttpServerResponse response, int status, String message) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(message + "\n");
    }
}
