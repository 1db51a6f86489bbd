package io.rtc.cli.signalr;

import io.rtc.cli.ws.WsClose;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client-to-server half of the SSE and long-polling transports: records go up in POSTs, one at a
 * time, since the server answers a second POST of a connection with 409 while one is in flight. What
 * is sent meanwhile waits and goes in the next POST, all together, as the official clients batch it.
 * What may wait is bounded: a server that stops answering cannot make the client hoard memory.
 * Event-loop only.
 */
final class HttpSender {

    /**
     * This sender never has two POSTs in flight, so a 409 is a bug, here or in the server: the sends it
     * carried fail as a hub error, which {@code rtc chat} prints and a benchmark counts.
     */
    static final String CONFLICT = "POST answered 409 Conflict: the server saw two POSTs of this connection at once,"
            + " which rtc never sends (a bug: please report it)";

    private final HttpEndpoint endpoint;
    private final int maxWaitingBytes;
    private final Consumer<String> ended;
    private Buffer waiting;
    private List<Promise<Void>> waitingSends = new ArrayList<>();
    private boolean inFlight;
    private boolean stopped;

    /** @param ended called once when a POST's answer means the connection is gone, with why */
    HttpSender(HttpEndpoint endpoint, int maxWaitingBytes, Consumer<String> ended) {
        this.endpoint = endpoint;
        this.maxWaitingBytes = maxWaitingBytes;
        this.ended = ended;
    }

    /** Completes once the server accepted the POST that carried {@code records}. */
    Future<Void> send(Buffer records) {
        if (stopped) {
            return Future.failedFuture(new IllegalStateException("not connected"));
        }
        Promise<Void> sent = Promise.promise();
        if (!inFlight) {
            post(records, List.of(sent));
        } else if ((waiting == null ? 0 : waiting.length()) + records.length() > maxWaitingBytes) {
            return Future.failedFuture(new HubException("the server is slow to accept POSTs: " + maxWaitingBytes
                    + " bytes already wait for the one in flight"));
        } else {
            waiting = waiting == null ? Buffer.buffer(Math.max(256, records.length() * 2)) : waiting;
            waiting.appendBuffer(records);
            waitingSends.add(sent);
        }
        return sent.future();
    }

    /** Sends nothing more; what waits fails. */
    void stop() {
        stopped = true;
        List<Promise<Void>> unsent = waitingSends;
        waitingSends = new ArrayList<>();
        waiting = null;
        unsent.forEach(p -> p.tryFail(new IllegalStateException("connection closed")));
    }

    private void post(Buffer body, List<Promise<Void>> sends) {
        inFlight = true;
        endpoint.http().request(endpoint.post())
                .compose(request -> request.send(body))
                .compose(this::accepted)
                .onComplete(done -> {
                    inFlight = false;
                    if (done.succeeded() && done.result()) {
                        sends.forEach(Promise::tryComplete);
                    } else if (done.succeeded()) {
                        sends.forEach(p -> p.tryFail(new HubException(CONFLICT)));
                    } else {
                        sends.forEach(p -> p.tryFail(done.cause()));
                        stopped = true;
                        ended.accept(done.cause() instanceof HubException ? done.cause().getMessage()
                                : "POST failed: " + WsClose.describe(done.cause()));
                    }
                    if (!stopped && waiting != null) {
                        Buffer next = waiting;
                        List<Promise<Void>> nextSends = waitingSends;
                        waiting = null;
                        waitingSends = new ArrayList<>();
                        post(next, nextSends);
                    }
                });
    }

    /** True for 200; false for 409, after which the connection stays open (the spec says so); fails otherwise. */
    private Future<Boolean> accepted(HttpClientResponse response) {
        int status = response.statusCode();
        if (status == 200 || status == 409) {
            return response.body().map(body -> status == 200);
        }
        if (status == 404) {
            return response.body().transform(body -> Future.failedFuture(HttpFailures.gone("POST")));
        }
        return HttpFailures.of("POST", response);
    }
}
