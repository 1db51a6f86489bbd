package io.rtc.chat.endpoint;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.rtc.chat.session.HubConnections;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * On shutdown every client gets SignalR's Close with {@code allowReconnect: true}, so the official
 * clients reconnect (to another instance behind the load balancer) instead of failing.
 */
@Singleton
public class ShutdownNotice {

    private static final Logger LOG = Logger.getLogger(ShutdownNotice.class);
    private static final long WAIT_MS = 2000;

    /** The shutdown delay starts: the HTTP server still runs, so the Close reaches every client. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event, HubConnections connections) {
        closeAll(connections);
    }

    /** Without a shutdown delay: the last chance, for whatever is still open. */
    void onStop(@Observes ShutdownEvent event, HubConnections connections) {
        closeAll(connections);
    }

    private static void closeAll(HubConnections connections) {
        int count = connections.closeAll("Server is shutting down.");
        if (count == 0) {
            return;
        }
        long deadline = System.nanoTime() + MILLISECONDS.toNanos(WAIT_MS);
        while (connections.size() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(MILLISECONDS.toNanos(20));
        }
        LOG.infof("asked %d client(s) to reconnect elsewhere; %d still open", count, connections.size());
    }
}
