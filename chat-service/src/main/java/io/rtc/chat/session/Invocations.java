package io.rtc.chat.session;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.rtc.chat.hub.HubException;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.common.signalr.Completion;
import io.rtc.common.signalr.Invocation;

/**
 * A session's invocations, run one at a time in the order they came (as ASP.NET does by default).
 * A client that queues too many stops being read until the queue drains; one over its message rate
 * is refused and not read until the rate allows it again. On the session's event loop only.
 */
final class Invocations {

    private static final Logger LOG = Logger.getLogger(Invocations.class);
    /** Invocations waiting beyond this stop reading from the client until the queue drains. */
    private static final int PAUSE_AT = 128;
    private static final int RESUME_AT = 16;

    private final HubSession session;
    private final ArrayDeque<Invocation> queue = new ArrayDeque<>();
    /** The connection's invocation rate; null when unlimited. */
    private final MessageRate rate;
    private boolean busy;
    private boolean paused;
    private boolean throttled;

    Invocations(HubSession session, MessageRate rate) {
        this.session = session;
        this.rate = rate;
    }

    void add(Invocation invocation) {
        if (rate != null && !withinRate(invocation)) {
            return;
        }
        if (invocation.streamIds() != null && !invocation.streamIds().isEmpty()) {
            refuse(invocation.invocationId(), "Client-to-server streaming is not supported by this hub.");
            return;
        }
        queue.add(invocation);
        if (queue.size() > PAUSE_AT && !paused) {
            paused = true;
            session.pauseInput();
        }
        runNext();
    }

    /** Answers an invocation that will not run with an error (a non-blocking one gets nothing). */
    void refuse(String invocationId, String error) {
        session.metrics().invocationFailed();
        if (invocationId != null) {
            session.send(Completion.error(invocationId, error));
        }
    }

    /**
     * Takes one invocation from the connection's budget. Over the rate it is answered with an error and not
     * run; a client that keeps going past the hard limit is closed.
     */
    private boolean withinRate(Invocation invocation) {
        long now = System.nanoTime();
        MessageRate.Verdict verdict = rate.take(now);
        if (verdict == MessageRate.Verdict.ALLOWED) {
            return true;
        }
        if (verdict == MessageRate.Verdict.CLOSE) {
            session.metrics().refused(ChatMetrics.MESSAGE_HARD_LIMIT);
            session.close("Connection closed with an error. Too many messages: the client kept sending past the rate limit.", false,
                    (short) 1008, "Rate limit exceeded");
            return false;
        }
        session.metrics().refused(ChatMetrics.MESSAGE_RATE);
        refuse(invocation.invocationId(), "Too many messages: at most " + rate.describe() + ". This invocation was not run; retry later.");
        throttle(rate.nanosUntilAllowed(now));
        return false;
    }

    /**
     * Stops reading from a client over its rate until it may send again: a flood then costs the server
     * what the rate allows, not a refusal for every record the client manages to write.
     */
    private void throttle(long nanos) {
        if (throttled || session.closing()) {
            return;
        }
        throttled = true;
        session.pauseInput();
        session.context().owner().setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)), id -> {
            throttled = false;
            if (!paused && !session.closing()) {
                session.resumeInput();
            }
        });
    }

    private void runNext() {
        if (busy || session.closing()) {
            return;
        }
        Invocation invocation = queue.poll();
        if (invocation == null) {
            return;
        }
        if (paused && queue.size() < RESUME_AT) {
            paused = false;
            if (!throttled) {
                session.resumeInput();
            }
        }
        busy = true;
        session.invoker().invoke(session, invocation.target(), invocation.arguments()).subscribe().with(
                result -> session.context().runOnContext(v -> completed(invocation, result, null)),
                failure -> session.context().runOnContext(v -> completed(invocation, null, failure)));
    }

    private void completed(Invocation invocation, JsonNode result, Throwable failure) {
        busy = false;
        String id = invocation.invocationId();
        if (failure != null) {
            session.metrics().invocationFailed();
            if (!(failure instanceof HubException)) {
                LOG.errorf(failure, "invoking %s", invocation.target());
            }
            if (id != null) {
                session.send(Completion.error(id, failure instanceof HubException ? failure.getMessage()
                        : "An unexpected error occurred invoking '" + invocation.target() + "' on the server."));
            }
        } else if (id != null) {
            session.send(result == null ? Completion.empty(id) : Completion.result(id, result));
        }
        runNext();
    }
}
