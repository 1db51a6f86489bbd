package io.rtc.chat.session;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.netty.util.concurrent.EventExecutor;
import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.hub.HubInvoker;
import io.rtc.chat.hub.HubServices;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.chat.transport.Transport;
import io.rtc.common.auth.Authenticator;
import io.rtc.common.auth.Identity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The hub sessions open on this instance, over any transport. One periodic sweep (not a timer per
 * connection) hands each event loop its own sessions once, to send keep-alive Pings and drop clients
 * that went silent, never finished the handshake, stopped polling, or whose token expired.
 */
@Singleton
public class HubConnections {

    private static final Logger LOG = Logger.getLogger(HubConnections.class);

    /**
     * Who an accepted connection is: its id, the signed-in user (null: anonymous), the client address counted
     * for it, the transport it opened with.
     */
    public record Client(String connectionId, Identity identity, String address, Transport.Kind kind) {
    }

    /** The sweep's limits, in nanoseconds. */
    record Timeouts(long keepAlive, long client, long handshake, long reconnectWindow) {
    }

    /** What to undo when a connection ends: the address and user counts of admission. */
    public interface Release {
        void release(Client client);
    }

    private final Map<String, HubSession> open = new ConcurrentHashMap<>();
    private final ChatConfig config;
    private final ChatMetrics metrics;
    private final HubServices services;
    private final Vertx vertx;
    private final Timeouts timeouts;
    private final int skewSeconds;
    private final long sweepTimer;
    private volatile Release release = client -> {
    };
    private volatile boolean stopping;

    public HubConnections(ChatConfig config, ChatMetrics metrics, HubServices services, Vertx vertx, Authenticator authenticator) {
        this.config = config;
        this.metrics = metrics;
        this.services = services;
        this.vertx = vertx;
        this.timeouts = new Timeouts(config.keepAliveInterval().toNanos(), config.clientTimeout().toNanos(),
                config.handshakeTimeout().toNanos(), config.statefulReconnect().window().toNanos());
        long period = Math.max(50, Math.min(1000, config.keepAliveInterval().toMillis() / 4));
        this.skewSeconds = authenticator.skewSeconds();
        this.sweepTimer = vertx.setPeriodic(period, id -> sweep());
    }

    /** Set once by the endpoint, which counts connections per address and user. */
    public void onRelease(Release release) {
        this.release = release;
    }

    public HubSession get(String connectionId) {
        return open.get(connectionId);
    }

    public boolean isOpen(String connectionId) {
        return open.containsKey(connectionId);
    }

    /**
     * Opens a session over a new transport (whose listener it becomes); null, and the transport ended, if the
     * id is connected already. Called on the transport's event loop.
     */
    public HubSession accept(Transport transport, Client client, Context context) {
        HubSession session = new HubSession(client, this, context, transport);
        if (open.putIfAbsent(client.connectionId(), session) != null) {
            transport.end((short) 1008, "Connection ID is already in use");
            release.release(client);
            return null;
        }
        metrics.opened();
        if (client.identity() != null) {
            services.hub().userConnected(session).subscribe().with(ok -> {
            }, e -> LOG.debugf("user target of %s: %s", client.connectionId(), e.getMessage()));
        }
        if (stopping) {
            // opened while the shutdown began (after an asynchronous token check): sent elsewhere too
            session.run(() -> session.close("Server is shutting down.", true, (short) 1001, "Server shutting down"));
        }
        return session;
    }

    void closed(HubSession session) {
        if (open.remove(session.connectionId(), session)) {
            metrics.closed();
            release.release(session.client());
            services.hub().disconnected(session).subscribe().with(done -> {
            }, e -> LOG.debugf("disconnect of %s: %s", session.connectionId(), e.getMessage()));
        }
    }

    /**
     * Closes every connection with a Close that invites the client to reconnect (to another instance);
     * from then on new connections are refused ({@link #stopping()}).
     */
    public int closeAll(String error) {
        stopping = true;
        open.values().forEach(session -> session.run(() -> session.close(error, true, (short) 1001, "Server shutting down")));
        return open.size();
    }

    /** True once the instance is shutting down: negotiations and new connections are refused (503). */
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
        long epochSecond = System.currentTimeMillis() / 1000 - skewSeconds;
        Map<EventExecutor, List<HubSession>> byLoop = new IdentityHashMap<>();
        open.values().forEach(session -> byLoop.computeIfAbsent(session.loop(), l -> new ArrayList<>()).add(session));
        byLoop.forEach((loop, sessions) -> loop.execute(() -> sessions.forEach(session -> session.sweep(now, timeouts, epochSecond))));
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweepTimer);
    }
}
