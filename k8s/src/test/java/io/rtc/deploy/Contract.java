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

    /** The environment variables the contract defines (plus chat-service's shared token secret). */
    static final Set<String> ENV = Set.of(
            "QUARKUS_HTTP_PORT", "QUARKUS_REDIS_HOSTS",
            "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_USERNAME", "RABBITMQ_PASSWORD",
            "ADMIN_TOKEN", "FANOUT_ARCHIVE_DIR", "CHAT_TOKEN_SECRET");

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
            "CHAT_TOKEN_SECRET");

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
