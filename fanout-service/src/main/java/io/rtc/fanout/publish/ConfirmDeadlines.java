package io.rtc.fanout.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The confirm timeout of every publish in flight, without a timer each: publishes are watched in the
 * order they were made, which is the order of their deadlines, so one periodic sweep only looks at the
 * head of the line, dropping the answered ones and expiring the overdue ones, and stops at the first that
 * is neither.
 */
final class ConfirmDeadlines {

    /** How often the line is swept: a timeout fires up to this much late. */
    static final Duration SWEEP = Duration.ofMillis(100);

    private record Watched(CompletableFuture<?> answer, long deadline) {
    }

    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Watched> line = new ConcurrentLinkedQueue<>();

    ConfirmDeadlines(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    void watch(CompletableFuture<?> answer, long nowNanos) {
        line.add(new Watched(answer, nowNanos + timeoutNanos));
    }

    /** Hands each unanswered publish whose deadline passed to {@code expire}. */
    void sweep(long nowNanos, Consumer<CompletableFuture<?>> expire) {
        for (Watched head = line.peek(); head != null; head = line.peek()) {
            boolean answered = head.answer.isDone();
            if (!answered && nowNanos - head.deadline < 0) {
                return;
            }
            line.poll();
            if (!answered) {
                expire.accept(head.answer);
            }
        }
    }
}
