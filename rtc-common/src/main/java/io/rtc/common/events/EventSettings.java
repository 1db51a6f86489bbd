package io.rtc.common.events;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * The settings of a service's {@link EventPublisher}: each service's {@code @ConfigMapping} has an
 * {@code events} group of this type ({@code echo.events.buffer-size} is {@code ECHO_EVENTS_BUFFER_SIZE}).
 */
public interface EventSettings {

    /** Publish events at all; when false nothing is sent and no connection to RabbitMQ is made. */
    @WithDefault("true")
    boolean enabled();

    /** Events that may wait for RabbitMQ (through an outage) besides those in flight; more are dropped and counted. */
    @WithDefault("10000")
    int bufferSize();

    /** Events sent to RabbitMQ and not yet confirmed by it, at most. */
    @WithDefault("256")
    int maxInFlight();

    /** An event RabbitMQ has not confirmed within this time is sent again (with the same message id). */
    @WithDefault("10s")
    Duration confirmTimeout();
}
