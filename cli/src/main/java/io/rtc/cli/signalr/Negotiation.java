package io.rtc.cli.signalr;

import com.fasterxml.jackson.databind.JsonNode;
import io.rtc.cli.auth.AccessRefused;
import io.rtc.cli.json.JsonText;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import java.time.Duration;

/**
 * The negotiate step: {@code POST <hub>/negotiate?negotiateVersion=1} before the WebSocket, which
 * tells the connection id to present and whether the server offers WebSockets at all.
 */
public final class Negotiation {

    private Negotiation() {
    }

    /** Completes with the id for {@code ?id=} of the WebSocket URL, or fails with the reason in words. */
    public static Future<String> negotiate(HttpClient http, HubUrl hub, Duration timeout) {
        return negotiate(http, hub, timeout, null);
    }

    /**
     * With {@code Authorization: Bearer <accessToken>} unless it is null; fails with {@link AccessRefused}
     * when the server answers 401 or 403.
     */
    public static Future<String> negotiate(HttpClient http, HubUrl hub, Duration timeout, String accessToken) {
        return http.request(hub.negotiateRequest(timeout, accessToken))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> webSocketId(response, body.toString())));
    }

    private static String webSocketId(HttpClientResponse response, String body) {
        if (AccessRefused.refuses(response.statusCode())) {
            throw new AccessRefused("negotiate", response.statusCode(), AccessRefused.reason(response.statusCode(), body,
                    response.getHeader(AccessRefused.WWW_AUTHENTICATE)));
        }
        if (response.statusCode() != 200) {
            String first = body.lines().findFirst().orElse("").strip();
            throw new HubException("negotiate answered " + response.statusCode()
                    + (first.isEmpty() ? "" : ": " + HubCodec.abbreviate(first)));
        }
        return webSocketId(body);
    }

    /**
     * The id from a negotiate answer: {@code connectionToken} in version 1, {@code connectionId}
     * from a version 0 server that has no token.
     *
     * @throws HubException when the server refused, redirects elsewhere or offers no WebSockets
     */
    static String webSocketId(String body) {
        JsonNode answer;
        try {
            answer = JsonText.parse(body);
        } catch (IllegalArgumentException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            throw new HubException("negotiate answer is not a JSON object: " + HubCodec.abbreviate(body));
        }
        if (answer.hasNonNull("error")) {
            throw new HubException(answer.get("error").asText());
        }
        if (answer.hasNonNull("url")) {
            // Azure SignalR style redirect: this client talks to one server directly and does not follow it.
            throw new HubException("negotiate redirects to " + answer.get("url").asText() + ", which rtc does not follow");
        }
        if (!offersWebSockets(answer.get("availableTransports"))) {
            throw new HubException("the server does not offer the WebSockets transport");
        }
        String token = answer.path("connectionToken").asText(null);
        String id = token != null ? token : answer.path("connectionId").asText(null);
        if (id == null || id.isEmpty()) {
            throw new HubException("negotiate answer without connectionToken or connectionId");
        }
        return id;
    }

    private static boolean offersWebSockets(JsonNode transports) {
        if (transports == null || !transports.isArray()) {
            return false;
        }
        for (JsonNode transport : transports) {
            if ("WebSockets".equals(transport.path("transport").asText())) {
                for (JsonNode format : transport.path("transferFormats")) {
                    if ("Text".equals(format.asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
