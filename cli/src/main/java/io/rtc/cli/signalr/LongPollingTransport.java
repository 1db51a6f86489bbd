package io.rtc.cli.signalr;

import io.rtc.cli.ws.WsClose;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The long-polling transport: {@code GET <hub>?id=...} again as soon as each poll is answered (200 with
 * bytes, or empty when the server held it long enough), POSTs for what the client sends. The first poll
 * is answered at once and opens the connection; 204 means the server ended it, 404 that it no longer
 * knows it. Stopping sends {@code DELETE <hub>?id=...}, which ends the connection on the server and
 * its last poll with 204. Event-loop only.
 */
final class LongPollingTransport implements HubTransport {

    /**
     * How long a poll may stay unanswered: beyond what a server holds one (ASP.NET Core: 90 s), like
     * the official clients' 100 s. A dead server is found sooner by the hub's own timeout anyway.
     */
    static final long POLL_IDLE_MILLIS = 100_000;

    private final HttpEndpoint endpoint;
    private final Receiver receiver;
    private final HttpSender sender;
    private HttpClientRequest poll;
    private boolean stopped;

    private LongPollingTransport(HttpEndpoint endpoint, int maxWaitingBytes, Receiver receiver) {
        this.endpoint = endpoint;
        this.receiver = receiver;
        this.sender = new HttpSender(endpoint, maxWaitingBytes, this::ended);
    }

    /** Completes once the first poll was answered 200, and polls from then on. */
    static Future<HubTransport> connect(HttpEndpoint endpoint, int maxWaitingBytes, Receiver receiver) {
        LongPollingTransport transport = new LongPollingTransport(endpoint, maxWaitingBytes, receiver);
        RequestOptions first = endpoint.request(HttpMethod.GET).setIdleTimeout(endpoint.timeoutMillis());
        return endpoint.http().request(first)
                .compose(HttpClientRequest::send)
                .compose(response -> switch (response.statusCode()) {
                    case 200 -> response.body();
                    case 204 -> Future.failedFuture(
                            new HubException("the first poll answered 204: the server ended the connection at once"));
                    case 404 -> Future.failedFuture(HttpFailures.gone("poll"));
                    default -> HttpFailures.of("poll", response);
                })
                .map(body -> {
                    // The loop starts after the client got the transport and sent its handshake: the answer comes by a poll.
                    endpoint.vertx().runOnContext(v -> transport.received(body));
                    return transport;
                });
    }

    @Override
    public Future<Void> send(Buffer records) {
        return sender.send(records);
    }

    @Override
    public Future<Void> stop() {
        if (stopped) {
            return Future.succeededFuture();
        }
        stopped = true;
        sender.stop();
        RequestOptions delete = endpoint.request(HttpMethod.DELETE).setIdleTimeout(endpoint.timeoutMillis());
        return endpoint.http().request(delete)
                .compose(HttpClientRequest::send)
                .compose(HttpClientResponse::body)
                .<Void>mapEmpty()
                .otherwiseEmpty() // the process leaves either way; the server times the connection out then
                .onComplete(v -> {
                    if (poll != null) {
                        poll.reset(); // answered 204 by now, unless the server missed the DELETE
                    }
                });
    }

    private void received(Buffer body) {
        if (stopped) {
            return;
        }
        if (body.length() > 0) {
            receiver.received(body.getByteBuf());
        }
        poll();
    }

    private void poll() {
        if (stopped) {
            return;
        }
        endpoint.http().request(endpoint.request(HttpMethod.GET).setIdleTimeout(POLL_IDLE_MILLIS))
                .compose(request -> {
                    poll = request;
                    return request.send();
                })
                .onComplete(done -> {
                    if (stopped) {
                        return;
                    }
                    if (done.failed()) {
                        ended("poll failed: " + WsClose.describe(done.cause()));
                    } else {
                        answered(done.result());
                    }
                });
    }

    private void answered(HttpClientResponse response) {
        switch (response.statusCode()) {
            case 200 -> {
                // Fed as it streams in: a large batch is not held whole before the reader splits it.
                response.handler(chunk -> {
                    if (!stopped) {
                        receiver.received(chunk.getByteBuf());
                    }
                });
                response.endHandler(v -> poll());
                response.exceptionHandler(t -> ended("poll failed: " + WsClose.describe(t)));
            }
            case 204 -> ended("the server ended the connection (poll answered 204)");
            case 404 -> ended(HttpFailures.gone("poll").getMessage());
            default -> HttpFailures.of("poll", response).onFailure(t -> ended(t.getMessage()));
        }
    }

    private void ended(String reason) {
        if (!stopped) {
            stopped = true;
            sender.stop();
            if (poll != null) {
                poll.reset();
            }
            receiver.ended(reason);
        }
    }
}
