package io.rtc.cli.bench.fanout;

import io.rtc.cli.bench.LatencySummary;
import java.util.Locale;

/** The human summary of a {@link FanoutReport}, aligned like the echo and chat summaries. */
final class FanoutSummary {

    private FanoutSummary() {
    }

    static String format(FanoutReport r) {
        StringBuilder s = new StringBuilder();
        line(s, "fanout %s: %s (stream %s)", r.mode(), r.url(), r.streamUrl());
        String load = r.mode().equals("open-loop")
                ? String.format(Locale.ROOT, "%s msg/s on schedule (at most %,d connections)", r.rate(), r.concurrency())
                : String.format(Locale.ROOT, "%,d POSTs in flight", r.concurrency());
        line(s, "  load          %s, %d-byte %s messages, %d tail clients, %d event loops",
                load, r.size(), r.contentType(), r.tailClients(), r.threads());
        line(s, "  measured      %.2f s (after %.2f s warmup; drain up to %.2f s, archive check up to %.2f s)",
                r.durationSeconds(), r.warmupSeconds(), r.drainSeconds(), r.archiveTimeoutSeconds());
        line(s, "  published     %,d confirmed of %,d sent (%,.1f msg/s); %,d answered 503, %,d errors",
                r.published(), r.sent(), r.publishedPerSecond(), r.unavailable(), r.errors());
        latency(s, "publish (us)", r.publishLatencyMicros(), "POST to 202");
        latency(s, "tail (us)", r.tailLatencyMicros(), String.format(Locale.ROOT, "POST to frame, %,d deliveries",
                r.tailDeliveries()));
        latency(s, "archive (us)", r.archiveLatencyMicros(), "send to archivedAt, wall clocks");
        line(s, "  tail clients  %,d of %,d connected, %,d connect failures, %,d closed by server",
                r.tailConnected(), r.tailClients(), r.tailConnectFailures(), r.tailClosedByPeer());
        String archive = r.archiveChecked()
                ? String.format(Locale.ROOT, "%,d of %,d confirmed ids found (%,d missing, %,d too old to check, %,d duplicated) after %.2f s",
                        r.archiveFound(), r.confirmed(), r.archiveMissing(), r.archiveUnchecked(), r.archiveDuplicated(),
                        r.archiveWaitSeconds())
                : "not checked (could not be read)";
        line(s, "  archive       %s", archive);
        line(s, "  checks        %,d lost, %,d duplicated, %,d wrong (tail: %,d missing, %,d duplicated; %,d foreign messages ignored)",
                r.lost(), r.duplicated(), r.wrong(), r.tailMissing(), r.tailDuplicated(), r.foreign());
        if (r.firstError() != null) {
            line(s, "  first error   %s", r.firstError());
        }
        line(s, "  result        %s", r.passed() ? "PASS" : "FAIL");
        return s.toString();
    }

    private static void latency(StringBuilder s, String label, LatencySummary l, String what) {
        line(s, "  %-13s p50 %,.1f  p90 %,.1f  p99 %,.1f  p99.9 %,.1f  max %,.1f  (%s)",
                label, l.p50(), l.p90(), l.p99(), l.p999(), l.max(), what);
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
