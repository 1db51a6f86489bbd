package io.rtc.echo.endpoint;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.rtc.echo.metrics.EchoMetrics;

/**
 * On SIGTERM every client gets a close 1001 (going away) while the server still runs, so it can reconnect
 * to another instance, and new upgrades are refused with 503 ({@link UpgradeGuard}). The close goes through
 * WebSockets Next, so it is the same on the fast path: {@link EchoFrameHandler} stops echoing once the
 * close frame has passed it, and Vert.x completes the closing handshake.
 */
@ApplicationScoped
public class GoingAway {

    static final CloseReason SHUTTING_DOWN = new CloseReason(1001, "Server shutting down");
    /** How long the shutdown waits for clients to answer the close (a silent one is cut at echo.close-timeout). */
    private static final long WAIT_MS = 2000;

    private final OpenConnections connections;
    private final EchoMetrics metrics;
    private volatile boolean stopping;

    GoingAway(OpenConnections connections, EchoMetrics metrics) {
        this.connections = connections;
        this.metrics = metrics;
    }

    /** True from the start of the shutdown: no new connections. */
    boolean stopping() {
        return stopping;
    }

    /** The shutdown delay starts: readiness is DOWN and the HTTP server still runs, so the closes go out. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        closeAll();
    }

    /** Without a shutdown delay: the last chance, for whatever is still open. */
    void onStop(@Observes ShutdownEvent event) {
        closeAll();
    }

    private void closeAll() {
        stopping = true;
        int count = 0;
        for (WebSocketConnection connection : connections) {
            if (!connection.isClosed()) {
                count++;
                connection.close(SHUTTING_DOWN).subscribe().with(ok -> {
                }, failure -> Log.debugf("Close of %s at shutdown failed: %s", connection.id(), failure));
            }
        }
        if (count == 0) {
            return;
        }
        long deadline = System.nanoTime() + MILLISECONDS.toNanos(WAIT_MS);
        while (metrics.open() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(MILLISECONDS.toNanos(20));
        }
        Log.infof("Closed %d connection(s) with 1001 (going away); %d still open", count, metrics.open());
    }
}
