package io.rtc.cli.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latency histogram for exactly one writer thread (one per event loop): recording takes no lock
 * and allocates nothing. Copies are merged once the load has stopped.
 */
public final class LatencyRecorder {

    /** Anything slower is clamped: it is a timeout in all but name, and it keeps the histogram bounded. */
    static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram = newHistogram();

    public void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, Math.min(nanos, MAX_NANOS)));
    }

    /** Must be called on the writer thread (or after it stopped) to see a consistent state. */
    public Histogram copy() {
        return histogram.copy();
    }

    public static Histogram newHistogram() {
        return new Histogram(MAX_NANOS, SIGNIFICANT_DIGITS);
    }

    public static Histogram merge(Iterable<Histogram> parts) {
        Histogram total = newHistogram();
        for (Histogram part : parts) {
            total.add(part);
        }
        return total;
    }
}
