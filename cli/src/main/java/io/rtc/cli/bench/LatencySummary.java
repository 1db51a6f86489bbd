package io.rtc.cli.bench;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.HdrHistogram.Histogram;

/** Latency percentiles in microseconds (one decimal), from a histogram recorded in nanoseconds. */
@RegisterForReflection
public record LatencySummary(long count, double mean, double p50, double p90, double p99, double p999, double max) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                nanos.getTotalCount(),
                micros(nanos.getMean()),
                micros(nanos.getValueAtPercentile(50)),
                micros(nanos.getValueAtPercentile(90)),
                micros(nanos.getValueAtPercentile(99)),
                micros(nanos.getValueAtPercentile(99.9)),
                micros(nanos.getMaxValue()));
    }

    private static double micros(double nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }
}
