package io.rtc.echo.endpoint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.rtc.echo.config.EchoConfig;
import io.rtc.echo.metrics.EchoMetrics;
import io.vertx.core.Vertx;

/**
 * Finds dead peers. Quarkus pings every connection at {@code echo.ping-interval}; a live peer answers with a pong.
 * A peer whose last pong is older than {@code echo.peer-timeout} (a crashed host, a cable pulled: no FIN, no RST)
 * would otherwise hold its socket forever, so it is closed.
 */
@ApplicationScoped
public class PeerLiveness {

    private static final UserData.TypedKey<Long> LAST_HEARD = UserData.TypedKey.forLong("echo.last-heard");
    private static final CloseReason PING_TIMEOUT = new CloseReason(1011, "Ping timeout");

    private final OpenConnections connections;
    private final EchoMetrics metrics;
    private final EchoConfig config;
    private final Vertx vertx;
    private long timerId = -1;

    PeerLiveness(OpenConnections connections, EchoMetrics metrics, EchoConfig config, Vertx vertx) {
        this.connections = connections;
        this.metrics = metrics;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        long period = Math.max(100, Math.min(config.pingInterval().toMillis(), config.peerTimeout().toMillis() / 2));
        timerId = vertx.setPeriodic(period, id -> dropSilentPeers());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timerId);
    }

    void heard(WebSocketConnection connection) {
        connection.userData().put(LAST_HEARD, System.nanoTime());
    }

    private void dropSilentPeers() {
        long deadline = System.nanoTime() - config.peerTimeout().toNanos();
        for (WebSocketConnection connection : connections) {
            Long lastHeard = connection.userData().get(LAST_HEARD);
            if (lastHeard != null && lastHeard - deadline < 0 && !connection.isClosed()) {
                connection.userData().remove(LAST_HEARD); // close once
                metrics.deadPeer();
                Log.debugf("Dropping %s: no pong for %s", connection.id(), config.peerTimeout());
                connection.close(PING_TIMEOUT).subscribe().with(ok -> {
                }, failure -> Log.debugf("Close of dead peer %s failed: %s", connection.id(), failure));
            }
        }
    }
}
