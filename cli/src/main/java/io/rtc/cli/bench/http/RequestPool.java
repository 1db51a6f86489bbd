package io.rtc.cli.bench.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 requests, already encoded, over at most {@code maxConnections} keep-alive connections of one
 * event loop: one request per connection at a time (no pipelining), the others wait in order for a
 * connection to come free. The load generator's replacement for Vert.x's HttpClient on its hot path:
 * per request it costs one write and one parse of the answer, where the HttpClient builds and encodes a
 * request object, a header map and a chain of futures (and had its own code to compile while the load ran).
 * Connections open when requests need them; a request that gets no answer within the timeout fails, and
 * its connection is closed. Create, use and close it on its event loop only.
 */
public final class RequestPool {

    private record Waiting(Buffer request, Handler<AsyncResult<HttpAnswer>> handler) {
    }

    private final Context context;
    private final NetClient client;
    private final String host;
    private final int port;
    private final int maxConnections;
    private final long timeoutNanos;
    private final long sweepTimer;
    private final List<PooledConnection> open = new ArrayList<>();
    private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int connecting;
    private boolean closed;

    /**
     * @param options TCP and TLS options of the connections (TLS when {@code options.isSsl()})
     * @param timeout the longest wait for an answer once the request is written
     */
    public RequestPool(Context context, NetClientOptions options, String host, int port, int maxConnections,
                       Duration timeout) {
        this.context = context;
        this.client = context.owner().createNetClient(options);
        this.host = host;
        this.port = port;
        this.maxConnections = Math.max(1, maxConnections);
        this.timeoutNanos = timeout.toNanos();
        // One timer for all requests instead of one per request: a timeout is noticed within a tenth of it.
        long sweepMillis = Math.max(10, Math.min(1000, timeout.toMillis() / 10));
        this.sweepTimer = context.owner().setPeriodic(sweepMillis, id -> sweep());
    }

    /**
     * Writes {@code request} on a free connection, or queues it until one is. {@code handler} gets the
     * answer, or a failure when there was none: the connection could not be opened, broke, or the
     * timeout passed. It is called on the pool's event loop.
     */
    public void send(Buffer request, Handler<AsyncResult<HttpAnswer>> handler) {
        PooledConnection connection = idle.pollFirst();
        if (connection != null) {
            connection.send(request, handler);
        } else {
            waiting.addLast(new Waiting(request, handler));
            connectAsNeeded();
        }
    }

    /** Closes every connection; requests still waiting fail. */
    public Future<Void> close() {
        closed = true;
        context.owner().cancelTimer(sweepTimer);
        for (PooledConnection connection : List.copyOf(open)) {
            connection.fail(new IllegalStateException("closed before the answer"));
        }
        for (Waiting w = waiting.poll(); w != null; w = waiting.poll()) {
            w.handler().handle(Future.failedFuture(new IllegalStateException("closed before the request was sent")));
        }
        return client.close();
    }

    /** {@code connection} is free again: it takes the oldest waiting request, or waits for the next. */
    void release(PooledConnection connection) {
        Waiting next = waiting.pollFirst();
        if (next != null) {
            connection.send(next.request(), next.handler());
        } else {
            idle.addFirst(connection); // most recently used first: a light load keeps to few connections
        }
    }

    /** {@code connection} closed (either side): requests waiting may need another one. */
    void removed(PooledConnection connection) {
        open.remove(connection);
        idle.remove(connection);
        connectAsNeeded();
    }

    /** One connection opening per waiting request, up to the limit. */
    private void connectAsNeeded() {
        while (!closed && waiting.size() > connecting && open.size() + connecting < maxConnections) {
            connecting++;
            client.connect(port, host).onComplete(done -> {
                connecting--;
                if (done.failed()) {
                    // As with an HTTP client's pool: the failure goes to the request that waited longest.
                    Waiting first = waiting.pollFirst();
                    if (first != null) {
                        first.handler().handle(Future.failedFuture(done.cause()));
                    }
                    connectAsNeeded();
                } else if (closed) {
                    done.result().close();
                } else {
                    PooledConnection connection = new PooledConnection(this, done.result());
                    open.add(connection);
                    release(connection);
                }
            });
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        List<PooledConnection> overdue = new ArrayList<>();
        for (PooledConnection connection : open) {
            if (connection.overdue(now, timeoutNanos)) {
                overdue.add(connection);
            }
        }
        for (PooledConnection connection : overdue) {
            connection.fail(new TimeoutException("no answer within " + timeoutNanos / 1_000_000 + " ms"));
        }
    }
}
