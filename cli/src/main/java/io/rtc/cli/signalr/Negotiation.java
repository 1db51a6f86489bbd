package io.rtc.cli.signalr;

import com.fasterxml.jackson.databind.JsonNode;
import io.rtc.cli.auth.AccessRefused;
import io.rtc.cli.json.JsonText;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The negotiate step: {@code POST <hub>/negotiate?negotiateVersion=1} before the transport, which
 * tells the connection id to present and which transports the server offers.
 */
public final class Negotiation {

    private Negotiation() {
    }

    /**
     * With {@code Authorization: Bearer <accessToken>} unless it is null; fails with {@link AccessRefused}
     * when the server answers 401 or 403, with a {@link HubException} when it refuses in other words.
     */
    public static Future<Negotiated> negotiate(HttpClient http, HubUrl hub, Duration timeout, String accessToken) {
        return http.request(hub.negotiateRequest(timeout, accessToken))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> answer(response, body.toString())));
    }

    private static Negotiated answer(HttpClientResponse response, String body) {
        if (response.statusCode() != 200) {
            throw HttpFailures.of("negotiate", response.statusCode(), body, response.getHeader(AccessRefused.WWW_AUTHENTICATE));
        }
        return parse(body);
    }

    /**
     * A negotiate answer: {@code connectionToken} in version 1, {@code connectionId} from a version 0
     * server that has no token.
     *
     * @throws HubException when the server refused, redirects elsewhere or named no connection
     */
    static Negotiated parse(String body) {
        JsonNode answer;
        try {
            answer = JsonText.parse(body);
        } catch (IllegalArgumentException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            throw new HubException("negotiate answer is not a JSON object: " + JsonText.abbreviate(body));
        }
        if (answer.hasNonNull("error")) {
            throw new HubException(answer.get("error").asText());
        }
        if (answer.hasNonNull("url")) {
            // Azure SignalR style redirect: this client talks to one server directly and does not follow it.
            throw new HubException("negotiate redirects to " + answer.get("url").asText() + ", which rtc does not follow");
        }
        String token = answer.path("connectionToken").asText(null);
        String id = token != null ? token : answer.path("connectionId").asText(null);
        if (id == null || id.isEmpty()) {
            throw new HubException("negotiate answer without connectionToken or connectionId");
        }
        return new Negotiated(id, transports(answer.get("availableTransports")));
    }

    private static Map<String, List<String>> transports(JsonNode available) {
        Map<String, List<String>> transports = new LinkedHashMap<>();
        if (available != null && available.isArray()) {
            for (JsonNode transport : available) {
                List<String> formats = new ArrayList<>();
                transport.path("transferFormats").forEach(format -> formats.add(format.asText()));
                transports.put(transport.path("transport").asText(), List.copyOf(formats));
            }
        }
        return transports;
    }
}
