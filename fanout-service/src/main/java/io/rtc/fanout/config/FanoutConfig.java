package io.rtc.fanout.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.rtc.common.auth.AuthSettings;
import io.rtc.common.limits.LimitSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of fanout-service; each maps to an environment variable
 * ({@code fanout.archive.max-file-size} → {@code FANOUT_ARCHIVE_MAX_FILE_SIZE}). The RabbitMQ
 * connection itself is {@code rabbitmq-host/port/username/password} (RABBITMQ_HOST, …), as the contract names it.
 */
@ConfigMapping(prefix = "fanout")
public interface FanoutConfig {

    /** Bearer token of the admin endpoints ({@code ADMIN_TOKEN}); unset means every admin call is refused. */
    Optional<String> adminToken();

    /** The fanout exchange every message goes through. */
    @WithDefault("logs")
    String exchange();

    /** Names of further durable subscriptions: each gets the queue {@code logs.<name>} bound to the exchange. */
    Optional<List<String>> subscriptions();

    /**
     * On SIGTERM, how long the service keeps serving after readiness went DOWN (and the live-tail clients got
     * a close 1001), so a load balancer stops sending before the server stops (quarkus.shutdown.delay).
     */
    @WithDefault("1s")
    Duration shutdownDelay();

    Broker broker();

    Publish publish();

    Tail tail();

    Archive archive();

    /** Who may publish and subscribe: {@code fanout.auth.*} (FANOUT_AUTH_REQUIRED, FANOUT_AUTH_HMAC_SECRET, ...). */
    Auth auth();

    /** Per client address limits of {@code /logs/stream} upgrades: {@code fanout.limits.*}. */
    Limits limits();

    interface Auth extends AuthSettings {
        /** Role a token needs for {@code POST /api/logs} when auth is required. */
        @WithDefault("logs-publisher")
        String publisherRole();

        /** Role a token needs for {@code GET /api/logs} and {@code /logs/stream} when auth is required. */
        @WithDefault("logs-subscriber")
        String subscriberRole();

        /** Role that passes every check, the admin endpoints included (as ADMIN_TOKEN does). */
        @WithDefault("logs-admin")
        String adminRole();
    }

    interface Limits extends LimitSettings {
    }

    interface Broker {
        /** {@code rabbitmq}, or {@code memory}: everything in this process, nothing durable (to try the service alone). */
        @WithDefault("rabbitmq")
        String type();

        /** Channels the publishes are spread over, on one connection (each has its own confirm sequence). */
        @WithDefault("4")
        int publishChannels();

        /** Pause between two attempts to reach the broker, at start and after a lost connection. */
        @WithDefault("1s")
        Duration reconnectInterval();

        /** AMQP heartbeat: a silent broker is given up after about twice this. */
        @WithDefault("10s")
        Duration heartbeat();
    }

    interface Publish {
        /** Largest body {@code POST /api/logs} accepts, in bytes (413 above). */
        @WithDefault("65536")
        int maxBodySize();

        /** How long a publish may wait for the broker's confirm before it is answered 503. */
        @WithDefault("5s")
        Duration confirmTimeout();

        /** Publishes waiting for their confirm at once; beyond this, 503 at once rather than an endless queue. */
        @WithDefault("4096")
        int maxInFlight();

        /** Seconds a client is told to wait ({@code Retry-After}) after a 503. */
        @WithDefault("2")
        int retryAfterSeconds();
    }

    interface Tail {
        /** Deliveries of this instance's tail queue that may wait unacknowledged in the process. */
        @WithDefault("512")
        int prefetch();

        /** Bytes that may wait in a live-tail client's send buffer before it is closed with 1013. */
        @WithDefault("1048576")
        int maxSendBuffer();

        /** After closing a client that does not read, how long before its TCP connection is cut. */
        @WithDefault("2s")
        Duration closeGrace();
    }

    interface Archive {
        /** Folder of the JSON-lines archive ({@code FANOUT_ARCHIVE_DIR}). */
        @WithDefault("./data/archive")
        Path dir();

        /** A file is closed and a new one started once it reaches this size, in bytes. */
        @WithDefault("67108864")
        long maxFileSize();

        /** Deliveries of {@code logs.archive} that may wait unacknowledged in the process (at least the batch size). */
        @WithDefault("1024")
        int prefetch();

        /** Most messages written with one fsync. */
        @WithDefault("512")
        int batchSize();

        /** Tries to write a batch before its messages go to the dead-letter queue. */
        @WithDefault("5")
        int maxAttempts();

        /** Pause between two tries of a failed write. */
        @WithDefault("500ms")
        Duration retryDelay();

        /** Largest message body archived; a larger one goes to the dead-letter queue at once. */
        @WithDefault("4194304")
        int maxMessageSize();

        /** Message ids remembered for deduplication (seeded from the newest files at start). */
        @WithDefault("200000")
        int dedupeWindow();
    }
}
