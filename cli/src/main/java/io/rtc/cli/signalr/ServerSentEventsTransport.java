package io.rtc.cli.signalr;

import io.rtc.cli.ws.WsClose;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * The Server-Sent Events transport: one {@code GET <hub>?id=...} with {@code Accept: text/event-stream}
 * that the server keeps open and writes each frame to as an event, and POSTs for what the client
 * sends. Text only: the hub protocol must be JSON. Stopping closes the stream's connection, which is
 * how the spec says a client leaves. Event-loop only.
 */
final class ServerSentEventsTransport implements HubTransport {

    private final Receiver receiver;
    private final HttpSender sender;
    private final EventStreamParser events;
    private HttpClientRequest stream;
    private boolean stopped;

    private ServerSentEventsTransport(HttpEndpoint endpoint, int maxMessageBytes, Receiver receiver) {
        this.receiver = receiver;
        this.sender = new HttpSender(endpoint, maxMessageBytes, this::ended);
        this.events = new EventStreamParser(maxMessageBytes);
    }

    /** Completes once the server answered the GET with 200, the stream open; fails with what else it answered. */
    static Future<HubTransport> connect(HttpEndpoint endpoint, int maxMessageBytes, Receiver receiver) {
        ServerSentEventsTransport transport = new ServerSentEventsTransport(endpoint, maxMessageBytes, receiver);
        Promise<HubTransport> open = Promise.promise();
        long timer = endpoint.vertx().setTimer(endpoint.timeoutMillis(), id -> {
            open.tryFail(new HubException("the event stream did not open within " + endpoint.timeoutMillis() + " ms"));
            transport.stop();
        });
        endpoint.http().request(endpoint.eventStream())
                .compose(request -> {
                    transport.stream = request;
                    if (transport.stopped) {
                        request.reset(); // timed out while waiting for a connection of the pool
                    }
                    return request.send();
                })
                .compose(response -> response.statusCode() == 200 ? Future.succeededFuture(response)
                        : response.statusCode() == 404 ? Future.failedFuture(HttpFailures.gone("event stream"))
                        : HttpFailures.of("event stream", response))
                .onComplete(done -> {
                    endpoint.vertx().cancelTimer(timer);
                    if (done.failed()) {
                        open.tryFail(done.cause());
                    } else if (!transport.stopped) {
                        // Handlers before the open completes: the handshake answer comes down this stream.
                        transport.listen(done.result());
                        open.tryComplete(transport);
                    }
                });
        return open.future();
    }

    @Override
    public Future<Void> send(Buffer records) {
        return sender.send(records);
    }

    @Override
    public Future<Void> stop() {
        stopped = true;
        sender.stop();
        if (stream != null) {
            stream.reset();
        }
        return Future.succeededFuture();
    }

    private void listen(HttpClientResponse response) {
        response.handler(chunk -> {
            if (stopped) {
                return;
            }
            try {
                events.feed(chunk.getByteBuf(), receiver::received);
            } catch (HubException e) {
                ended(e.getMessage());
            }
        });
        response.endHandler(v -> ended("the server ended the event stream"));
        response.exceptionHandler(t -> ended("event stream failed: " + WsClose.describe(t)));
    }

    private void ended(String reason) {
        if (!stopped) {
            stop();
            receiver.ended(reason);
        }
    }
}
