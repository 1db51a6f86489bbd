package io.rtc.cli.bench.chat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rtc.cli.bench.LatencySummary;

/**
 * How fast the members got in, before any message: what signing in costs shows here.
 *
 * @param seconds        from the first connect attempt until the last member connected (negotiate, upgrade, handshake)
 * @param rate           members connected per second over that time
 * @param joinedSeconds  until every JoinRoom was answered too (or failed)
 * @param latencyMicros  each member's negotiate + upgrade + handshake
 */
@RegisterForReflection
record ConnectTiming(double seconds, double rate, double joinedSeconds, LatencySummary latencyMicros) {

    static ConnectTiming of(long opened, long connectNanos, long joinedNanos, LatencySummary latency) {
        double seconds = opened == 0 ? 0 : Math.max(connectNanos, 1) / 1e9;
        return new ConnectTiming(round(seconds), opened == 0 ? 0 : round(opened / seconds), round(joinedNanos / 1e9), latency);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
