package io.rtc.cli.bench.chat;

import io.rtc.cli.bench.LatencySummary;
import java.util.Locale;

/** The human summary of a {@link ChatReport}, aligned like the echo summary. */
final class ChatSummary {

    private ChatSummary() {
    }

    static String format(ChatReport r) {
        StringBuilder s = new StringBuilder();
        line(s, "chat %s: %s%s", r.protocol(), String.join(", ", r.urls()),
                r.hubProtocol() == null ? "" : " (" + r.hubProtocol() + " over " + r.transport() + ")");
        line(s, "  load          %,d rooms x %,d members (%,d senders each at %s msg/s), %d-byte messages, %d event loops",
                r.rooms(), r.members(), r.senders(), r.rate(), r.messageSize(), r.threads());
        line(s, "  measured      %.2f s (after %.2f s warmup, drain up to %.2f s)",
                r.durationSeconds(), r.warmupSeconds(), r.drainSeconds());
        line(s, "  sent          %,d messages (%,.1f msg/s)", r.sent(), r.sendRate());
        line(s, "  delivered     %,d of %,d expected (%,.1f deliveries/s)", r.deliveries(), r.expected(), r.deliveryRate());
        LatencySummary l = r.latencyMicros();
        line(s, "  latency (us)  p50 %,.1f  p90 %,.1f  p99 %,.1f  p99.9 %,.1f  max %,.1f",
                l.p50(), l.p90(), l.p99(), l.p999(), l.max());
        line(s, "  clients       %,d of %,d connected, %,d joined, %,d connect/join failures, %,d closed by server, %,d open at end",
                r.opened(), r.connections(), r.joined(), r.connectFailures(), r.closedByPeer(), r.openAtEnd());
        LatencySummary c = r.connectLatencyMicros();
        line(s, "  connect       %s: all connected in %.2f s (%,.1f connects/s), joined in %.2f s; "
                        + "each (us) p50 %,.1f  p99 %,.1f  max %,.1f",
                r.auth().equals("none") ? "anonymous" : "signed in (" + r.auth() + ")", r.connectSeconds(), r.connectRate(),
                r.joinSeconds(), c.p50(), c.p99(), c.max());
        line(s, "  checks        %,d lost, %,d duplicated, %,d wrong, %,d errors (%,d foreign messages ignored)",
                r.lost(), r.duplicated(), r.wrong(), r.errors(), r.foreign());
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
