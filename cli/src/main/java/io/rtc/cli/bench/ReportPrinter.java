package io.rtc.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a {@link BenchReport} for people (aligned summary) or for scripts (one line of JSON); other
 * scenarios' reports (records Jackson can write) bring their own summary.
 */
@Singleton
public class ReportPrinter {

    private final ObjectMapper mapper;

    public ReportPrinter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void print(BenchReport report, boolean json, PrintStream out) {
        if (json) {
            out.println(toJson(report));
        } else {
            out.print(summary(report));
        }
        out.flush();
    }

    /** Any scenario's report: one line of JSON, or the summary the scenario formatted. */
    public void print(Object report, String summary, boolean json, PrintStream out) {
        out.print(json ? toJson(report) + System.lineSeparator() : summary);
        out.flush();
    }

    public String toJson(Object report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the report", e);
        }
    }

    public String summary(BenchReport r) {
        StringBuilder s = new StringBuilder();
        line(s, "%s %s: %s", r.scenario(), r.mode(), r.url());
        if (r.mode().equals("idle")) {
            line(s, "  load          %,d connections held %.2f s, one %d-byte %s message each, %d event loops",
                    r.connections(), r.durationSeconds(), r.size(), r.payload(), r.threads());
            line(s, "  messages      %,d verified", r.messages());
        } else {
            String window = r.window() > 0 ? " x window " + r.window() : "";
            line(s, "  load          %,d connections%s, %d-byte %s messages, %d event loops",
                    r.connections(), window, r.size(), r.payload(), r.threads());
            line(s, "  measured      %.2f s (after %.2f s warmup)", r.durationSeconds(), r.warmupSeconds());
            line(s, "  messages      %,d (%,.0f msg/s)", r.messages(), r.throughput());
        }
        LatencySummary l = r.latencyMicros();
        line(s, "  latency (us)  p50 %,.1f  p90 %,.1f  p99 %,.1f  p99.9 %,.1f  max %,.1f",
                l.p50(), l.p90(), l.p99(), l.p999(), l.max());
        line(s, "  connections   %,d opened, %,d connect failures, %,d closed by server, %,d open at end",
                r.opened(), r.connectFailures(), r.closedByPeer(), r.openAtEnd());
        line(s, "  checks        %,d errors, %,d wrong replies, %,d timeouts",
                r.errors(), r.wrongReplies(), r.timeouts());
        if (r.firstError() != null) {
            line(s, "  first error   %s", r.firstError());
        }
        line(s, "  result        %s", r.passed() ? "PASS" : "FAIL");
        return s.toString();
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
