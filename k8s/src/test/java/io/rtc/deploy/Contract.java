package io.rtc.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the manifests must agree with: the contract's ports, health paths and environment
 * variables (shared/CONTRACT.md, the services' READMEs), and the project's image names.
 */
final class Contract {

    private Contract() {
    }

    /** Our three services: {@code app.kubernetes.io/name} = image repository under {@code rtc/}. */
    static final List<String> SERVICES = List.of("echo-service", "chat-service", "fanout-service");

    /** The brokers, run from their official images. */
    static final List<String> BROKERS = List.of("redis", "rabbitmq");

    /** The port each service and broker really serves (its HTTP port, or the broker's protocol port). */
    static final Map<String, Integer> PORT = Map.of(
            "echo-service", 8080,
            "chat-service", 8081,
            "fanout-service", 8082,
            "redis", 6379,
            "rabbitmq", 5672);

    /** Other ports a workload may expose: RabbitMQ's Prometheus endpoint (rabbitmq_prometheus). */
    static final Map<String, Set<Integer>> EXTRA_PORTS = Map.of("rabbitmq", Set.of(15692));

    /** What every service reads: its port, RabbitMQ (the events outbox, fanout's exchange), the admin token. */
    private static final Set<String> COMMON_ENV = Set.of(
            "QUARKUS_HTTP_PORT", "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_USERNAME", "RABBITMQ_PASSWORD",
            "ADMIN_TOKEN");

    /** MicroProfile JWT's standard settings (the key, or where it is; issuer, audience, algorithm, skew). */
    static final Set<String> MP_JWT_ENV = Set.of(
            "MP_JWT_VERIFY_PUBLICKEY", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER",
            "MP_JWT_VERIFY_AUDIENCES", "MP_JWT_VERIFY_PUBLICKEY_ALGORITHM", "MP_JWT_VERIFY_CLOCK_SKEW");

    /** The token settings of chat-service and fanout-service ({@code chat.auth.*}, {@code fanout.auth.*}). */
    static final Map<String, String> AUTH_PREFIX = Map.of("chat-service", "CHAT_AUTH_", "fanout-service", "FANOUT_AUTH_");

    /** The limit settings of each service ({@code echo.limits.*}, {@code chat.limits.*}, {@code fanout.limits.*}). */
    static final Map<String, String> LIMITS_PREFIX = Map.of(
            "echo-service", "ECHO_LIMITS_", "chat-service", "CHAT_LIMITS_", "fanout-service", "FANOUT_LIMITS_");

    private static final List<String> AUTH_KEYS = List.of("REQUIRED", "KEY_LOCATION", "HMAC_SECRET", "ALGORITHMS",
            "ISSUER", "AUDIENCES", "CLOCK_SKEW", "NAME_CLAIM", "ROLES_CLAIM");
    private static final List<String> LIMITS_KEYS = List.of("CONNECTIONS_PER_ADDRESS", "CONNECT_RATE", "CONNECT_BURST",
            "TRUSTED_PROXIES");

    /** The environment variables each service reads (the contract's, plus chat-service's shared token secret). */
    static final Map<String, Set<String>> ENV_OF = Map.of(
            "echo-service", union(COMMON_ENV,
                    names("ECHO_LIMITS_", LIMITS_KEYS), names("ECHO_LIMITS_", List.of("FRAME_RATE", "FRAME_BURST"))),
            "chat-service", union(COMMON_ENV, Set.of("QUARKUS_REDIS_HOSTS", "CHAT_TOKEN_SECRET"), MP_JWT_ENV,
                    names("CHAT_AUTH_", AUTH_KEYS), names("CHAT_AUTH_", List.of("ROOMS_CLAIM", "ADMIN_ROLE")),
                    names("CHAT_LIMITS_", LIMITS_KEYS), names("CHAT_LIMITS_", List.of("MESSAGE_RATE", "MESSAGE_BURST",
                            "MESSAGE_HARD_LIMIT", "ROOMS_PER_CONNECTION", "CONNECTIONS_PER_USER"))),
            "fanout-service", union(COMMON_ENV, Set.of("FANOUT_ARCHIVE_DIR"), MP_JWT_ENV,
                    names("FANOUT_AUTH_", AUTH_KEYS),
                    names("FANOUT_AUTH_", List.of("PUBLISHER_ROLE", "SUBSCRIBER_ROLE", "ADMIN_ROLE")),
                    names("FANOUT_LIMITS_", LIMITS_KEYS)));

    /** Every environment variable of any service. */
    static final Set<String> ENV = union(ENV_OF.values().toArray(Set[]::new));

    /** What each service needs set in a deployment (the defaults point at 127.0.0.1). */
    static final Map<String, Set<String>> REQUIRED_ENV = Map.of(
            "echo-service", Set.of("QUARKUS_HTTP_PORT",
                    "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_USERNAME", "RABBITMQ_PASSWORD"),
            "chat-service", Set.of("QUARKUS_HTTP_PORT", "QUARKUS_REDIS_HOSTS",
                    "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_USERNAME", "RABBITMQ_PASSWORD",
                    "ADMIN_TOKEN", "CHAT_TOKEN_SECRET"),
            "fanout-service", Set.of("QUARKUS_HTTP_PORT",
                    "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_USERNAME", "RABBITMQ_PASSWORD",
                    "ADMIN_TOKEN", "FANOUT_ARCHIVE_DIR"));

    /** Settings that are secrets: they come from Secrets, never from a ConfigMap or a literal. */
    static final Set<String> SECRET_ENV = Set.of("RABBITMQ_USERNAME", "RABBITMQ_PASSWORD", "ADMIN_TOKEN",
            "CHAT_TOKEN_SECRET", "MP_JWT_VERIFY_PUBLICKEY", "CHAT_AUTH_HMAC_SECRET", "FANOUT_AUTH_HMAC_SECRET");

    /** The settings that are the token verification key itself (a public key or an HS256 secret). */
    static Set<String> keyEnv(String service) {
        return Set.of("MP_JWT_VERIFY_PUBLICKEY", AUTH_PREFIX.get(service) + "HMAC_SECRET");
    }

    /** The settings that say where the verification key is (a file, or a JWKS URL). */
    static Set<String> keyLocationEnv(String service) {
        return Set.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", AUTH_PREFIX.get(service) + "KEY_LOCATION");
    }

    private static Set<String> names(String prefix, List<String> keys) {
        return keys.stream().map(k -> prefix + k).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }

    static final String STARTED = "/q/health/started";
    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";
    static final String METRICS = "/q/metrics";

    /** JVM image of a service (docker/README.md). */
    static String jvmImage(String service) {
        return "rtc/" + service;
    }

    /** Native image of a service (docker/README.md). */
    static String nativeImage(String service) {
        return "rtc/" + service + "-native";
    }

    /** An image reference without its tag or digest: {@code rtc/echo-service:1.0} is {@code rtc/echo-service}. */
    static String repository(String image) {
        String s = image;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        return colon > slash ? s.substring(0, colon) : s;
    }
}
