package io.rtc.cli.auth;

import io.rtc.cli.fanout.LogsApi;
import io.vertx.core.MultiMap;
import io.vertx.core.http.UpgradeRejectedException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server refused the request's credentials: 401 (no valid token) or 403 (a valid token without the
 * role or room). The message is what the user reads: the step, the status and the server's one-line reason.
 */
public final class AccessRefused extends RuntimeException {

    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final Pattern DESCRIPTION = Pattern.compile("error_description=\"([^\"]*)\"");

    private final int status;
    private final String reason;

    public AccessRefused(String step, int status, String reason) {
        super(step + " answered " + status + (status == 401 ? " Unauthorized" : " Forbidden") + ": " + reason, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public static boolean refuses(int status) {
        return status == 401 || status == 403;
    }

    public int status() {
        return status;
    }

    /** The server's reason alone. */
    public String reason() {
        return reason;
    }

    /**
     * The server's reason: the {@code error} of a JSON body or its first line, else the {@code error_description}
     * of {@code WWW-Authenticate}, else a word for the status.
     */
    public static String reason(int status, String body, String wwwAuthenticate) {
        String text = LogsApi.errorOf(body);
        if ((text == null || text.isBlank()) && wwwAuthenticate != null) {
            Matcher description = DESCRIPTION.matcher(wwwAuthenticate);
            text = description.find() ? description.group(1) : null;
        }
        if (text == null || text.isBlank()) {
            text = status == 401 ? "no valid token (the server gave no reason)" : "not allowed (the server gave no reason)";
        }
        return text.replaceAll("\\p{Cntrl}", " ").strip();
    }

    /** The refusal of a WebSocket upgrade answered 401 or 403, or null for any other failure. */
    public static AccessRefused ofUpgrade(String step, Throwable failure) {
        if (failure instanceof UpgradeRejectedException rejected && refuses(rejected.getStatus())) {
            MultiMap headers = rejected.getHeaders();
            String body = rejected.getBody() == null ? null : rejected.getBody().toString();
            return new AccessRefused(step, rejected.getStatus(), reason(rejected.getStatus(), body,
                    headers == null ? null : headers.get(AccessRefused.WWW_AUTHENTICATE)));
        }
        return null;
    }
}
