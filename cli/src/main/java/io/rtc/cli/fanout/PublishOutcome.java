package io.rtc.cli.fanout;

import java.time.Duration;

/**
 * The server's answer to one {@code POST /api/logs}.
 *
 * @param status     HTTP status: 202 when the broker confirmed the message
 * @param id         the message id from a 202's {@code {"id": ...}}, or null
 * @param error      the {@code error} of a refusal's JSON (or the first line of its body), or null
 * @param retryAfter a 503's {@code Retry-After}, or null when it had none
 */
public record PublishOutcome(int status, String id, String error, Duration retryAfter) {

    /** Confirmed by the broker: the message will not be lost. */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    /** The service could not have the message confirmed in time: a retry with the same id is safe. */
    public boolean unavailable() {
        return status == 503;
    }

    /** "413: message too large", for one line of output. */
    public String describe() {
        return status + (error == null || error.isEmpty() ? "" : ": " + error);
    }
}
