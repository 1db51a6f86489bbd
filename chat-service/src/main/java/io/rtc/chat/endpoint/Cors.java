package io.rtc.chat.endpoint;

import java.util.List;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * CORS for the hub, as the browser SignalR client needs it: credentials allowed, so the origin is
 * echoed, never {@code *}. The page's own origin is always allowed; others only from the allow-list.
 * WebSocket upgrades are checked the same way, since browsers do not apply CORS to them.
 */
final class Cors {

    private final List<String> allowed;
    private final boolean any;

    Cors(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty() && !o.equals("none")).toList();
        this.any = allowed.contains("*");
    }

    /** True when the request has no Origin or an allowed one; sets the CORS response headers then. */
    boolean admit(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        if (!(any || allowed.contains(origin) || sameOrigin(origin, request))) {
            return false;
        }
        HttpServerResponse response = request.response();
        response.putHeader("Access-Control-Allow-Origin", origin);
        response.putHeader("Access-Control-Allow-Credentials", "true");
        response.putHeader(HttpHeaders.VARY, "Origin");
        return true;
    }

    /** Answers a preflight that {@link #admit} accepted. */
    void preflight(HttpServerRequest request) {
        String headers = request.getHeader("Access-Control-Request-Headers");
        HttpServerResponse response = request.response()
                .putHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .putHeader("Access-Control-Max-Age", "600");
        if (headers != null) {
            response.putHeader("Access-Control-Allow-Headers", headers);
        }
        response.setStatusCode(204).end();
    }

    private static boolean sameOrigin(String origin, HttpServerRequest request) {
        String host = request.authority() == null ? request.getHeader(HttpHeaders.HOST) : request.authority().toString();
        if (host == null) {
            return false;
        }
        int scheme = origin.indexOf("://");
        return scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }
}
