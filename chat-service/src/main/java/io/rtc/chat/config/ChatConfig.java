package io.rtc.chat.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.rtc.common.auth.AuthSettings;
import io.rtc.common.events.EventSettings;
import io.rtc.common.limits.LimitSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of chat-service; each maps to an environment variable ({@code chat.max-message-size} → {@code CHAT_MAX_MESSAGE_SIZE}). */
@ConfigMapping(prefix = "chat")
public interface ChatConfig {

    /** Where rooms meet across instances: {@code redis} (scale-out) or {@code memory} (a single instance, no Redis). */
    @WithDefault("redis")
    BackplaneKind backplane();

    /** This instance's name in presence and on the backplane; random when unset. */
    Optional<String> instanceId();

    /** Shared secret that signs connection tokens, so any instance accepts any instance's token; random (single instance only) when unset. */
    Optional<String> tokenSecret();

    /** How long a negotiated connection token may wait before its WebSocket connects. */
    @WithDefault("5m")
    Duration tokenLifetime();

    /** Origins other than the page's own that may call the hub with credentials ({@code *} for any). */
    @WithDefault("none")
    List<String> allowedOrigins();

    /** Largest hub message a client may send, in bytes (SignalR's MaximumReceiveMessageSize). */
    @WithDefault("32768")
    int maxMessageSize();

    /** Bytes that may wait in a client's send buffer before the client is dropped as too slow. */
    @WithDefault("1048576")
    int maxSendBuffer();

    /** A Ping goes to a client that was sent nothing for this long (SignalR's KeepAliveInterval). */
    @WithDefault("15s")
    Duration keepAliveInterval();

    /** A client that sent nothing (not even a Ping) for this long is dropped (SignalR's ClientTimeoutInterval). */
    @WithDefault("30s")
    Duration clientTimeout();

    /** A client must complete the protocol handshake within this time. */
    @WithDefault("15s")
    Duration handshakeTimeout();

    /** Longest room name, in characters. */
    @WithDefault("100")
    int maxRoomNameLength();

    /** Longest user name, in characters. */
    @WithDefault("100")
    int maxUserNameLength();

    /** Messages kept per room for GetHistory (approximate trimming, so a few more may remain). */
    @WithDefault("1000")
    int historySize();

    /** How often this instance tells Redis it is alive. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** An instance silent this long is presumed dead and its members vanish from presence. */
    @WithDefault("15s")
    Duration instanceTtl();

    /** First delay before reconnecting to Redis; doubles on each failure. */
    @WithDefault("100ms")
    Duration reconnectMinDelay();

    /** Longest delay between two attempts to reconnect to Redis. */
    @WithDefault("1s")
    Duration reconnectMaxDelay();

    /** On SIGTERM, how long clients get to reconnect elsewhere (readiness DOWN) before the server stops. */
    @WithDefault("1s")
    Duration shutdownDelay();

    /** Bearer token of the admin REST endpoints (ADMIN_TOKEN); a JWT with {@code auth.admin-role} works too. */
    Optional<String> adminToken();

    /** Who clients are: JWTs on negotiate and on the WebSocket (chat.auth.*). */
    Auth auth();

    /** What one client, user or address may do (chat.limits.*). */
    Limits limits();

    interface Auth extends AuthSettings {

        /** Claim listing the rooms a signed-in user may join, read and send to ({@code *} wildcards: {@code team-*}). */
        @WithDefault("rooms")
        String roomsClaim();

        /** Role that may join every room and call the admin endpoints. */
        @WithDefault("chat-admin")
        String adminRole();
    }

    interface Limits extends LimitSettings {

        /** Hub invocations one connection may make per second, on average (0: no limit). */
        @WithDefault("20")
        double messageRate();

        /** Invocations one connection may make at once before {@code message-rate} applies. */
        @WithDefault("50")
        int messageBurst();

        /** A connection refused this many invocations within 10 s is closed (0: never). */
        @WithDefault("200")
        int messageHardLimit();

        /** Rooms one connection may be in at once. */
        @WithDefault("100")
        int roomsPerConnection();

        /** Connections one signed-in user may hold over all instances (0: no limit). */
        @WithDefault("10")
        int connectionsPerUser();
    }

    /** Events (room.joined, room.left, message.sent) published to RabbitMQ's fanout exchange {@code logs}. */
    EventSettings events();

    /** Requests for a connection another instance holds, forwarded to it through Redis (chat.relay.*). */
    Relay relay();

    interface Relay {

        /** A forwarded send or delete the holder has not answered within this time gets 503 (a poll waits the poll timeout longer). */
        @WithDefault("10s")
        Duration timeout();

        /** Forwarded requests that may wait for their reply at once; more get 503. */
        @WithDefault("10000")
        int maxPending();
    }

    /** Largest body of one POST (the sends of Server-Sent Events and long-polling clients), in bytes; more is refused with 413. */
    @WithDefault("1048576")
    int maxPostSize();

    /** Which SignalR transports negotiate offers and the hub accepts (chat.transports.*). */
    Transports transports();

    interface Transports {

        /** WebSockets, in both transfer formats. */
        @WithDefault("true")
        boolean websockets();

        /** Server-Sent Events with POST (text protocols only). */
        @WithDefault("true")
        boolean serverSentEvents();

        /** Long polling with POST. */
        @WithDefault("true")
        boolean longPolling();
    }

    /** The long-polling transport (chat.long-polling.*). */
    LongPolling longPolling();

    interface LongPolling {

        /** How long a poll waits for something to send before it is answered empty (200). */
        @WithDefault("90s")
        Duration pollTimeout();

        /** A long-polling client that has not polled for this long is gone (it left its rooms). */
        @WithDefault("15s")
        Duration disconnectTimeout();
    }

    /** SignalR's stateful reconnect, for WebSocket clients that ask for it (chat.stateful-reconnect.*). */
    StatefulReconnect statefulReconnect();

    interface StatefulReconnect {

        /** Grant stateful reconnect to clients that ask for it at negotiate. */
        @WithDefault("true")
        boolean enabled();

        /** Bytes sent and not yet acknowledged that a connection may hold for a resend; beyond, it is closed. */
        @WithDefault("100000")
        int bufferSize();

        /** How long a dropped connection waits for its client to reconnect before it is gone. */
        @WithDefault("15s")
        Duration window();
    }

    enum BackplaneKind {
        REDIS,
        MEMORY
    }
}
