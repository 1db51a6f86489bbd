package io.rtc.cli.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Where the clients put a JWT, as the services read it: {@code Authorization: Bearer <jwt>} on every
 * request, and on WebSocket upgrades also the {@code access_token} query parameter (what the SignalR
 * clients send, and what a browser can). The token is never part of anything printed: messages name the
 * URL the user gave, not the request URI built here.
 */
public final class AccessToken {

    /** Where {@code --token} comes from when it is not given. */
    public static final String ENVIRONMENT_VARIABLE = "RTC_TOKEN";
    public static final String QUERY_PARAMETER = "access_token";

    private AccessToken() {
    }

    /** The option's value, else {@code RTC_TOKEN} from {@code environment}; null when neither is set (anonymous). */
    public static String resolve(String option, UnaryOperator<String> environment) {
        String token = option != null ? option : environment.apply(ENVIRONMENT_VARIABLE);
        return token == null || token.isBlank() ? null : token.strip();
    }

    /** A token may only hold the characters of a header value: no spaces, no control characters. */
    public static boolean wellFormed(String token) {
        return token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static RequestOptions addTo(RequestOptions request, String token) {
        if (token != null) {
            request.putHeader(HttpHeaders.AUTHORIZATION, bearer(token));
        }
        return request;
    }

    /** Header and query parameter, so that a server (or a proxy) that reads only one of them finds it. */
    public static WebSocketConnectOptions addTo(WebSocketConnectOptions upgrade, String token) {
        if (token != null) {
            upgrade.putHeader(HttpHeaders.AUTHORIZATION, bearer(token));
            upgrade.setURI(withQueryParameter(upgrade.getURI(), token));
        }
        return upgrade;
    }

    public static String withQueryParameter(String uri, String token) {
        String parameter = QUERY_PARAMETER + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        int fragment = uri.indexOf('#');
        String base = fragment < 0 ? uri : uri.substring(0, fragment);
        String separator = base.indexOf('?') < 0 ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + parameter;
    }
}
