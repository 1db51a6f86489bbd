package io.rtc.fanout.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.rtc.fanout.broker.Broker;
import io.rtc.fanout.broker.BrokerState;
import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.message.LogMessage;
import io.rtc.fanout.metrics.FanoutMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes one persistent message and completes only when the broker confirmed it. Any failure (the
 * broker away, blocked, refusing, or silent past the confirm timeout) means "not promised": the caller
 * answers 503 and may publish again with the same id, which the archive deduplicates. The broker's answer
 * comes back on the caller's event loop, on whatever thread the broker completes; a timeout is answered from
 * the sweeping timer's event loop.
 */
@Singleton
public class LogPublisher {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final FanoutConfig.Publish config;
    private final Broker broker;
    private final FanoutMetrics metrics;
    private final ConfirmDeadlines deadlines;
    private volatile boolean stopped;

    @Inject
    public LogPublisher(FanoutConfig config, Broker broker, FanoutMetrics metrics, Vertx vertx) {
        this(config.publish(), broker, metrics);
        vertx.setPeriodic(ConfirmDeadlines.SWEEP.toMillis(), id -> sweep(System.nanoTime()));
    }

    /** Without a timer: a test calls {@link #sweep} itself. */
    LogPublisher(FanoutConfig.Publish config, Broker broker, FanoutMetrics metrics) {
        this.config = config;
        this.broker = broker;
        this.metrics = metrics;
        this.deadlines = new ConfirmDeadlines(config.confirmTimeout());
    }

    /**
     * @param publisher the user id ({@code sub}) of the client's token, or null for an anonymous one
     * @return completes with the id once confirmed; fails with {@link PublishRefusedException}
     */
    public CompletableFuture<String> publish(String id, String contentType, byte[] body, String publisher) {
        if (stopped) {
            return refused("The service is shutting down: publish again (to another instance)");
        }
        BrokerState state = broker.state();
        if (state != BrokerState.UP) {
            return refused(state == BrokerState.BLOCKED ? "RabbitMQ blocks publishing: " + broker.blockedReason()
                    : "RabbitMQ is not reachable");
        }
        if (inFlight.incrementAndGet() > config.maxInFlight()) {
            inFlight.decrementAndGet();
            return refused("Too many publishes are waiting for the broker");
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        Context caller = Vertx.currentContext();
        LogMessage message = new LogMessage(id, Instant.ofEpochMilli(System.currentTimeMillis()), contentType, body, publisher);
        deadlines.watch(answer, System.nanoTime());
        broker.publish(message).whenComplete((ok, failure) -> {
            if (caller == null || Vertx.currentContext() == caller) {
                settle(answer, id, failure);
            } else {
                caller.runOnContext(v -> settle(answer, id, failure));
            }
        });
        return answer;
    }

    private void settle(CompletableFuture<String> answer, String id, Throwable failure) {
        boolean first = failure == null ? answer.complete(id)
                : answer.completeExceptionally(new PublishRefusedException(failure.getMessage()));
        if (first) {
            settled(failure == null);
        }
    }

    /** Fails the publishes whose confirm is overdue; normally from a periodic timer. */
    void sweep(long nowNanos) {
        deadlines.sweep(nowNanos, overdue -> {
            if (overdue.completeExceptionally(new PublishRefusedException("RabbitMQ did not confirm the message in time"))) {
                settled(false);
            }
        });
    }

    private void settled(boolean confirmed) {
        inFlight.decrementAndGet();
        if (confirmed) {
            metrics.published();
        } else {
            metrics.refused();
        }
    }

    /** From the start of a shutdown: every further publish is refused (503), so a client retries elsewhere. */
    public void refuseNew() {
        stopped = true;
    }

    /**
     * At shutdown, before the broker's connections close: refuses every further publish (503) and waits, at
     * most {@code limit}, until each publish in flight was confirmed or refused, so each is answered.
     * Returns how many were still in flight after {@code limit}.
     */
    public int stop(Duration limit) {
        stopped = true;
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return inFlight.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    private CompletableFuture<String> refused(String reason) {
        metrics.refused();
        return CompletableFuture.failedFuture(new PublishRefusedException(reason));
    }
}
