package io.rtc.cli.bench.fanout;

import java.time.Instant;

/**
 * Wall-clock time (epoch microseconds) derived from System.nanoTime: read once at the start, so
 * that every thread turns a send time into the same wall time without a system call per message.
 */
record WallClock(long nanoBase, long wallMicrosBase) {

    static WallClock now() {
        long nanos = System.nanoTime();
        Instant wall = Instant.now();
        return new WallClock(nanos, wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1_000);
    }

    long wallMicros(long nanoTime) {
        return wallMicrosBase + (nanoTime - nanoBase) / 1_000;
    }
}
