package io.rtc.chat.endpoint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.hub.HubInvoker;
import io.rtc.chat.hub.HubServices;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.common.auth.Authenticator;
import io.rtc.common.auth.Identity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * The hub connections open on this instance. One periodic sweep (not a timer per connection)
 * sends keep-alive Pings and drops clients that went silent, never finished the handshake, or whose
 * token expired.
 */
@Singleton
public class HubConnections {

    private static final Logger LOG = Logger.getLogger(HubConnections.class);

    private final Map<String, HubSocket> open = new ConcurrentHashMap<>();
    private final ChatConfig config;
    private final ChatMetrics metrics;
    private final HubServices services;
    private final Vertx vertx;
    private final Admission admission;
    private final int skewSeconds;
    private final long sweepTimer;
    private volatile boolean stopping;

    public HubConnections(ChatConfig config, ChatMetrics metrics, HubServices services, Vertx vertx, Admission admission,
            Authenticator authenticator) {
        this.admission = admission;
        this.config = config;
        this.metrics = metrics;
        this.services = services;
        this.vertx = vertx;
        long period = Math.max(50, Math.min(1000, config.keepAliveInterval().toMillis() / 4));
        this.skewSeconds = authenticator.skewSeconds();
        this.sweepTimer = vertx.setPeriodic(period, id -> sweep());
    }

    boolean isOpen(String connectionId) {
        return open.containsKey(connectionId);
    }

    /** Who an accepted connection is: its id, the signed-in user (null: anonymous), the client address counted for it. */
    record Client(String connectionId, Identity identity, String address) {
    }

    /** Takes over an accepted WebSocket; false (and the socket closed) if the id is already connected. */
    boolean accept(ServerWebSocket ws, Channel channel, Client client, Context context) {
        HubSocket socket = new HubSocket(ws, channel, client, this, context);
        if (open.putIfAbsent(client.connectionId(), socket) != null) {
            ws.close((short) 1008, "Connection ID is already in use");
            release(client);
            return false;
        }
        metrics.opened();
        socket.start();
        if (client.identity() != null) {
            services.hub().userConnected(socket).subscribe().with(ok -> {
            }, e -> LOG.debugf("user target of %s: %s", client.connectionId(), e.getMessage()));
        }
        if (stopping) {
            // upgraded while the shutdown began (after an asynchronous token check): sent elsewhere too
            socket.close("Server is shutting down.", true, (short) 1001, "Server shutting down");
        }
        return true;
    }

    void closed(HubSocket socket) {
        if (open.remove(socket.connectionId(), socket)) {
            metrics.closed();
            release(socket.client());
            services.hub().disconnected(socket).subscribe().with(done -> {
            }, e -> LOG.debugf("disconnect of %s: %s", socket.connectionId(), e.getMessage()));
        }
    }

    private void release(Client client) {
        admission.closedFor(client.address());
        admission.disconnectUser(client.identity(), client.connectionId());
    }

    /**
     * Closes every connection with a Close that invites the client to reconnect (to another instance);
     * from then on new connections are refused ({@link #stopping()}).
     */
    public int closeAll(String error) {
        stopping = true;
        open.values().forEach(socket -> socket.close(error, true, (short) 1001, "Server shutting down"));
        return open.size();
    }

    /** True once the instance is shutting down: negotiations and upgrades are refused (503). */
    public boolean stopping() {
        return stopping;
    }

    public int size() {
        return open.size();
    }

    ChatConfig config() {
        return config;
    }

    ChatMetrics metrics() {
        return metrics;
    }

    HubInvoker invoker() {
        return services.invoker();
    }

    private void sweep() {
        long now = System.nanoTime();
        long keepAlive = config.keepAliveInterval().toNanos();
        long clientTimeout = config.clientTimeout().toNanos();
        long handshakeTimeout = config.handshakeTimeout().toNanos();
        long epochSecond = System.currentTimeMillis() / 1000 - skewSeconds;
        open.values().forEach(socket -> socket.sweep(now, keepAlive, clientTimeout, handshakeTimeout, epochSecond));
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweepTimer);
        admission.stop();
    }
}
