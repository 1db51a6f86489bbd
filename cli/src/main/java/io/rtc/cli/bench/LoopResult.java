package io.rtc.cli.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/** What one event loop measured, handed over once its connections are closed. */
public record LoopResult(Counts counts, Histogram latencyNanos) {

    public static Counts totalCounts(List<LoopResult> results) {
        Counts total = Counts.ZERO;
        for (LoopResult result : results) {
            total = total.plus(result.counts());
        }
        return total;
    }

    public static Histogram totalLatency(List<LoopResult> results) {
        return LatencyRecorder.merge(results.stream().map(LoopResult::latencyNanos).toList());
    }
}
