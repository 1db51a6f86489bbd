package io.rtc.cli.bench.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.io.IOException;

/**
 * One keep-alive connection of a {@link RequestPool}, carrying one request at a time (no pipelining).
 * Event-loop only (its pool's).
 */
final class PooledConnection {

    private final RequestPool pool;
    private final NetSocket socket;
    private final HttpAnswerDecoder decoder = new HttpAnswerDecoder();
    private Handler<AsyncResult<HttpAnswer>> current;
    private long sentAtNanos;
    private Throwable failure;
    private boolean closed;

    PooledConnection(RequestPool pool, NetSocket socket) {
        this.pool = pool;
        this.socket = socket;
        socket.handler(this::received);
        // Without a handler Vert.x logs each reset; the cause is reported to the request instead.
        socket.exceptionHandler(t -> failure = failure != null ? failure : t);
        socket.closeHandler(v -> ended());
    }

    void send(Buffer request, Handler<AsyncResult<HttpAnswer>> handler) {
        current = handler;
        sentAtNanos = System.nanoTime();
        socket.write(request, null); // no completion handler: a failed write surfaces as a close
    }

    /** Whether the request on this connection has waited longer than {@code timeoutNanos} by {@code now}. */
    boolean overdue(long nowNanos, long timeoutNanos) {
        return current != null && nowNanos - sentAtNanos > timeoutNanos;
    }

    /** Fails the request on this connection, if any, and closes it: its answer can no longer be told apart. */
    void fail(Throwable cause) {
        Handler<AsyncResult<HttpAnswer>> handler = current;
        current = null;
        close();
        if (handler != null) {
            handler.handle(Future.failedFuture(cause));
        }
    }

    void close() {
        if (!closed) {
            closed = true;
            pool.removed(this);
            socket.close();
            decoder.discard();
        }
    }

    private void received(Buffer data) {
        if (closed) {
            return; // bytes still on their way when this side closed
        }
        try {
            decoder.feed(data);
            HttpAnswer answer;
            while (!closed && (answer = decoder.next()) != null) {
                answered(answer);
            }
        } catch (HttpProtocolException e) {
            fail(e);
        }
    }

    private void answered(HttpAnswer answer) {
        Handler<AsyncResult<HttpAnswer>> handler = current;
        if (handler == null) {
            fail(new HttpProtocolException("an answer to no request (status " + answer.status() + ")"));
            return;
        }
        current = null;
        // Back to the pool first, so that the next request (sent from the callback) can take this connection.
        if (decoder.keepAlive()) {
            pool.release(this);
        } else {
            close();
        }
        handler.handle(Future.succeededFuture(answer));
    }

    private void ended() {
        if (closed) {
            return;
        }
        closed = true;
        pool.removed(this);
        Handler<AsyncResult<HttpAnswer>> handler = current;
        current = null;
        Future<HttpAnswer> last = handler != null ? lastAnswer() : null;
        decoder.discard();
        if (handler != null) {
            handler.handle(last);
        }
    }

    /** The connection ended with a request on it: an answer that ran until the end, or a failure. */
    private Future<HttpAnswer> lastAnswer() {
        try {
            HttpAnswer last = decoder.atEnd();
            return last != null ? Future.succeededFuture(last)
                    : Future.failedFuture(failure != null ? failure : new IOException("connection closed before the answer"));
        } catch (HttpProtocolException e) {
            return Future.failedFuture(e);
        }
    }
}
