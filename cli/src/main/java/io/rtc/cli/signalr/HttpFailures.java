package io.rtc.cli.signalr;

import io.rtc.cli.auth.AccessRefused;
import io.rtc.cli.json.JsonText;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;

/** What an HTTP answer other than the expected one means, in the one line a user or a report gets. */
final class HttpFailures {

    private HttpFailures() {
    }

    /**
     * 401 and 403 are {@link AccessRefused} (exit code 6 in {@code rtc chat}); 404 from a connection's
     * URL means the server no longer knows the connection (it ended, or never was on this instance);
     * anything else is the status and the first line of the body.
     */
    static RuntimeException of(String step, int status, String body, String wwwAuthenticate) {
        if (AccessRefused.refuses(status)) {
            return new AccessRefused(step, status, AccessRefused.reason(status, body, wwwAuthenticate));
        }
        String first = body == null ? "" : body.lines().findFirst().orElse("").strip();
        return new HubException(step + " answered " + status + (first.isEmpty() ? "" : ": " + JsonText.abbreviate(first)));
    }

    /** Reads the body of a refusing {@code response} and fails with what it means. */
    static <T> Future<T> of(String step, HttpClientResponse response) {
        return response.body().transform(body -> Future.failedFuture(of(step, response.statusCode(),
                body.succeeded() ? body.result().toString() : null, response.getHeader(AccessRefused.WWW_AUTHENTICATE))));
    }

    /** The words for a connection's URL answering 404. */
    static HubException gone(String step) {
        return new HubException(step + " answered 404: the server no longer knows this connection");
    }
}
