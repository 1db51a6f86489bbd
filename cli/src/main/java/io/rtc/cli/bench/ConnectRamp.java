package io.rtc.cli.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.IntFunction;

/**
 * Opens connections with a bounded number of handshakes in flight. Firing 10,000 connects at
 * once overflows the server's accept backlog and makes handshakes time out; a steady ramp does not.
 * Single-threaded: create, start and complete it on one event loop.
 */
public final class ConnectRamp {

    private final int total;
    private final int maxInFlight;
    private final IntFunction<Future<?>> connectOne;
    private final Promise<Void> done = Promise.promise();
    private int started;
    private int finished;
    private boolean pumping;

    /**
     * @param connectOne opens connection {@code i} (0-based within this ramp); its future must
     *                   complete, successfully or not, once that attempt is over
     */
    public ConnectRamp(int total, int maxInFlight, IntFunction<Future<?>> connectOne) {
        this.total = total;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.connectOne = connectOne;
    }

    /** Completes when every attempt is over; failures are the caller's to count. */
    public Future<Void> start() {
        pump();
        return done.future();
    }

    private void pump() {
        // An attempt that fails synchronously re-enters here; the outer loop carries on instead,
        // so thousands of immediate failures cannot overflow the stack.
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (started < total && started - finished < maxInFlight) {
                launch(started++);
            }
        } finally {
            pumping = false;
        }
        if (finished == total) {
            done.tryComplete();
        }
    }

    private void launch(int index) {
        Future<?> attempt;
        try {
            attempt = connectOne.apply(index);
        } catch (RuntimeException e) {
            attempt = Future.failedFuture(e);
        }
        attempt.onComplete(ar -> {
            finished++;
            pump();
        });
    }
}
