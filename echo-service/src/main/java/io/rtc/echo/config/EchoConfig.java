package io.rtc.echo.config;

import java.time.Duration;

import io.rtc.common.events.EventSettings;
import io.rtc.common.limits.LimitSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of echo-service. Environment variables map the usual way
 * ({@code echo.max-connections} is {@code ECHO_MAX_CONNECTIONS}).
 */
@ConfigMapping(prefix = "echo")
public interface EchoConfig {

    /** Largest message (text or binary, all fragments together) in bytes; a larger one closes with 1009. */
    @WithDefault("65536")
    int maxMessageSize();

    /** Most open WebSocket connections on one instance; further upgrades are refused with 503. */
    @WithDefault("16000")
    int maxConnections();

    /** How often an idle peer is pinged; each pong proves it is still there. */
    @WithDefault("20s")
    Duration pingInterval();

    /** A peer that has answered no ping for this long is dropped as dead (close 1011, then TCP close). */
    @WithDefault("60s")
    Duration peerTimeout();

    /** How long a closing handshake may wait for the peer's close frame before the TCP connection is cut. */
    @WithDefault("5s")
    Duration closeTimeout();

    /**
     * Answer messages in the Netty pipeline (several times cheaper per message) rather than through the
     * endpoint's WebSockets Next callbacks; both give the same replies, limits and back-pressure.
     */
    @WithDefault("true")
    boolean fastPath();

    /**
     * On SIGTERM, how long the server keeps running after readiness went DOWN and every client got a close 1001,
     * before it stops (quarkus.shutdown.delay).
     */
    @WithDefault("1s")
    Duration shutdownDelay();

    /**
     * What one client may take: connections and connect rate per client address (refused with 429), frames per
     * second per connection (slowed down, never dropped).
     */
    Limits limits();

    interface Limits extends LimitSettings {

        /** Frames a second one connection may send, on average; a faster one has its reads paused (0: no limit). */
        @WithDefault("20000")
        double frameRate();

        /** Frames one connection may send at once before {@code frame-rate} applies. */
        @WithDefault("40000")
        int frameBurst();
    }

    /** Events (connection.opened, connection.closed) published to RabbitMQ's fanout exchange {@code logs}. */
    EventSettings events();
}
