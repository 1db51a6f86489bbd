package io.rtc.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesAreReportedInMicroseconds() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int micros = 1; micros <= 1000; micros++) {
            recorder.recordNanos(micros * 1000L);
        }

        LatencySummary summary = LatencySummary.of(recorder.copy());

        assertEquals(1000, summary.count());
        assertEquals(500.0, summary.p50(), 0.5);
        assertEquals(900.0, summary.p90(), 0.9);
        assertEquals(990.0, summary.p99(), 1.0);
        assertEquals(999.0, summary.p999(), 1.0);
        assertEquals(1000.0, summary.max(), 1.0);
        assertEquals(500.5, summary.mean(), 0.5);
    }

    @Test
    void recordersOfSeveralLoopsMergeIntoOneDistribution() {
        LatencyRecorder fast = new LatencyRecorder();
        LatencyRecorder slow = new LatencyRecorder();
        for (int i = 0; i < 99; i++) {
            fast.recordNanos(10_000);
        }
        slow.recordNanos(5_000_000);

        Histogram merged = LatencyRecorder.merge(List.of(fast.copy(), slow.copy()));
        LatencySummary summary = LatencySummary.of(merged);

        assertEquals(100, summary.count());
        assertEquals(10.0, summary.p50(), 0.1);
        assertEquals(10.0, summary.p90(), 0.1);
        assertEquals(5000.0, summary.max(), 5.0);
    }

    @Test
    void outOfRangeValuesAreClampedNotThrown() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordNanos(-5);
        recorder.recordNanos(Long.MAX_VALUE);

        LatencySummary summary = LatencySummary.of(recorder.copy());

        assertEquals(2, summary.count());
        assertEquals(LatencyRecorder.MAX_NANOS / 1000.0, summary.max(), LatencyRecorder.MAX_NANOS / 1000.0 / 500);
    }

    @Test
    void anEmptyHistogramGivesZeros() {
        assertEquals(LatencySummary.EMPTY, LatencySummary.of(new LatencyRecorder().copy()));
    }
}
