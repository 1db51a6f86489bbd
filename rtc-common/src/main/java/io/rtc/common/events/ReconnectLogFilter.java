package io.rtc.common.events;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * While RabbitMQ is away (or refuses the credentials), the clients log each connection attempt
 * (every second, see reconnect-interval), the Vert.x one at ERROR with a stack trace: some 30 lines a
 * second. This lets one such record through every 30 s; the outbox reports the outage itself (first
 * missing confirm, drops, recovery).
 */
@LoggingFilter(name = "rabbitmq-reconnect")
public final class ReconnectLogFilter implements Filter {

    private static final String VERTX_CLIENT = "io.vertx.rabbitmq.impl.RabbitMQClientImpl";
    private static final String AMQP_CLIENT = "com.rabbitmq.client.impl.ForgivingExceptionHandler";
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(30);

    /** One clock per client, so that the informative one (say ACCESS_REFUSED) is not crowded out. */
    private final AtomicLong vertxPassed = new AtomicLong(System.nanoTime() - INTERVAL);
    private final AtomicLong amqpPassed = new AtomicLong(System.nanoTime() - INTERVAL);

    @Override
    public boolean isLoggable(LogRecord record) {
        String logger = record.getLoggerName();
        String message = record.getMessage();
        if (message == null) {
            return true;
        }
        if (VERTX_CLIENT.equals(logger) && (message.startsWith("Could not connect to rabbitmq")
                || message.startsWith("Attempting to reconnect") || message.startsWith("Failed to restart client")
                || message.startsWith("Reconnect attempt"))) {
            return due(vertxPassed);
        }
        if (AMQP_CLIENT.equals(logger) && message.startsWith("An unexpected connection driver error occurred")) {
            return due(amqpPassed);
        }
        return true;
    }

    private static boolean due(AtomicLong lastPassed) {
        long now = System.nanoTime();
        long last = lastPassed.get();
        return now - last >= INTERVAL && lastPassed.compareAndSet(last, now);
    }
}
