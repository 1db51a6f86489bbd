package io.rtc.cli.signalr;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The two clocks of a hub connection, as the official clients keep them: a Ping goes out when we
 * have sent nothing for {@code interval} (so the server does not drop an idle client), and the
 * connection is declared dead when nothing came in for {@code serverTimeout}. One rescheduled
 * one-shot timer each instead of a timer per message, which matters with thousands of connections.
 */
final class HubKeepAlive {

    private final Vertx vertx;
    private final long intervalNanos;
    private final long serverTimeoutNanos;
    private final Runnable ping;
    private final Runnable serverSilent;
    private long lastSent;
    private long lastReceived;
    private long pingTimer = -1;
    private long silenceTimer = -1;

    HubKeepAlive(Vertx vertx, Duration interval, Duration serverTimeout, Runnable ping, Runnable serverSilent) {
        this.vertx = vertx;
        this.intervalNanos = interval.toNanos();
        this.serverTimeoutNanos = serverTimeout.toNanos();
        this.ping = ping;
        this.serverSilent = serverSilent;
    }

    void start() {
        lastSent = lastReceived = System.nanoTime();
        pingTimer = vertx.setTimer(millis(intervalNanos), id -> checkIdle());
        silenceTimer = vertx.setTimer(millis(serverTimeoutNanos), id -> checkSilence());
    }

    void sent() {
        lastSent = System.nanoTime();
    }

    void received() {
        lastReceived = System.nanoTime();
    }

    void stop() {
        vertx.cancelTimer(pingTimer);
        vertx.cancelTimer(silenceTimer);
    }

    private void checkIdle() {
        long idle = System.nanoTime() - lastSent;
        if (idle >= intervalNanos) {
            ping.run(); // calls sent(), so the next check is one full interval away
            idle = 0;
        }
        pingTimer = vertx.setTimer(millis(intervalNanos - idle), id -> checkIdle());
    }

    private void checkSilence() {
        long silent = System.nanoTime() - lastReceived;
        if (silent >= serverTimeoutNanos) {
            serverSilent.run();
            return;
        }
        silenceTimer = vertx.setTimer(millis(serverTimeoutNanos - silent), id -> checkSilence());
    }

    private static long millis(long nanos) {
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }
}
