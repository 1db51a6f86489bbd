package io.rtc.cli.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArchiveScanTest {

    private final BenchIds ids = new BenchIds("run1");
    private final FanoutPayload payload = new FanoutPayload(64, false);

    @Test
    void oursAreFoundTimedAndCheckedForDuplicates() {
        long sentWall = java.time.Instant.parse("2026-11-19T23:21:02.345Z").toEpochMilli() * 1000;
        String json = "[" + entry(ids.id(0, 0), payload.text(true, 1, sentWall), "2026-11-19T23:21:02.357Z") + ","
                + entry(null, "{\"source\":\"chat-service\"}", "2026-11-19T23:21:02.358Z") + ","
                + entry("0193f2c4-7b1e-7cc0-8f00-000000000000", "hi", "2026-11-19T23:21:02.358Z") + ","
                + entry(ids.id(1, 0), payload.text(false, 1, sentWall), "2026-11-19T23:21:02.359Z") + ","
                + entry(ids.id(0, 0), payload.text(true, 1, sentWall), "2026-11-19T23:21:02.360Z") + ","
                + entry(ids.id(0, 1), "not ours", "2026-11-19T23:21:02.361Z") + "]";

        ArchiveScan scan = ArchiveScan.scan(json.getBytes(StandardCharsets.UTF_8), ids, 2, 100);

        assertThat(scan.entries()).isEqualTo(6);
        assertThat(scan.seen().size()).isEqualTo(3);
        assertThat(scan.duplicated()).isEqualTo(1);
        assertThat(scan.foreign()).isEqualTo(2);
        assertThat(scan.wrong()).isEqualTo(1);
        assertThat(scan.full()).isFalse();
        // Only the measured message is timed: archivedAt .357 minus the send time.
        assertThat(scan.latencyNanos().getTotalCount()).isEqualTo(1);
        assertThat(LatencySummaryOf.p50Micros(scan)).isCloseTo(12_000.0, org.assertj.core.data.Offset.offset(20.0));
    }

    @Test
    void aFullAnswerSaysSo() {
        String json = "[" + entry(ids.id(0, 5), payload.text(false, 1, 1), "2026-11-19T23:21:02Z") + "]";
        assertThat(ArchiveScan.scan(json.getBytes(StandardCharsets.UTF_8), ids, 1, 1).full()).isTrue();
        assertThat(ArchiveScan.scan("[]".getBytes(StandardCharsets.UTF_8), ids, 1, 1).entries()).isZero();
    }

    @Test
    void aFullAnswerIsCheckedFromTheFirstMessageSentAfterItsCut() {
        long cut = java.time.Instant.parse("2026-11-19T23:21:00Z").toEpochMilli() * 1000;
        long late = cut + ArchiveScan.CUT_MARGIN_MICROS + 1;
        // Shard 0: 10 was sent before the cut, 11 too and was archived before it (not in the answer), 12
        // and later after it. Shard 1: nothing sent after the cut.
        String json = "[" + entry("0193f2c4-7b1e-7cc0-8f00-000000000000", "hi", "2026-11-19T23:21:00Z") + ","
                + entry(ids.id(0, 10), payload.text(false, 1, cut - 5), "2026-11-19T23:21:00.100Z") + ","
                + entry(ids.id(1, 3), payload.text(false, 1, cut - 5), "2026-11-19T23:21:00.100Z") + ","
                + entry(ids.id(0, 13), payload.text(true, 1, late + 5), "2026-11-19T23:21:01.200Z") + ","
                + entry(ids.id(0, 12), payload.text(true, 1, late), "2026-11-19T23:21:01.300Z") + "]";

        ArchiveScan scan = ArchiveScan.scan(json.getBytes(StandardCharsets.UTF_8), ids, 2, 5);

        assertThat(scan.full()).isTrue();
        assertThat(scan.checkableFrom()).containsExactly(12, -1);
        IdSet accepted = new IdSet(2);
        for (int seq = 10; seq < 15; seq++) {
            accepted.add(BenchIds.key(0, seq));
        }
        accepted.add(BenchIds.key(1, 3));
        IdSet checkable = FanoutLoadTest.checkable(accepted, scan);
        assertThat(checkable.size()).isEqualTo(3);
        // 14 was confirmed after the cut and is not there: lost.
        assertThat(scan.seen().missingOf(checkable)).isEqualTo(1);
    }

    @Test
    void somethingElseThanAnArrayOfObjectsIsAnError() {
        assertThatThrownBy(() -> ArchiveScan.scan("{\"error\":\"x\"}".getBytes(StandardCharsets.UTF_8), ids, 1, 1))
                .hasMessageContaining("not a JSON array");
        assertThatThrownBy(() -> ArchiveScan.scan("[1]".getBytes(StandardCharsets.UTF_8), ids, 1, 1))
                .hasMessageContaining("something else");
        assertThatThrownBy(() -> ArchiveScan.scan("[{\"id\":".getBytes(StandardCharsets.UTF_8), ids, 1, 1))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void archivedAtWithAnOffsetIsReadToo() {
        assertThat(LogEntry.archivedAtMicros(io.rtc.cli.json.JsonText.parse("{\"archivedAt\":\"2026-11-19T23:21:02.357+00:00\"}")))
                .isEqualTo(java.time.Instant.parse("2026-11-19T23:21:02.357Z").toEpochMilli() * 1000);
        assertThat(LogEntry.archivedAtMicros(io.rtc.cli.json.JsonText.parse("{\"archivedAt\":\"yesterday\"}")))
                .isEqualTo(Long.MIN_VALUE);
    }

    private static final class LatencySummaryOf {
        static double p50Micros(ArchiveScan scan) {
            return io.rtc.cli.bench.LatencySummary.of(scan.latencyNanos()).p50();
        }
    }

    private static String entry(String id, String body, String archivedAt) {
        return "{\"id\":" + (id == null ? "null" : "\"" + id + "\"") + ",\"timestamp\":\"2026-11-19T23:21:02.350Z\","
                + "\"contentType\":\"text/plain\",\"body\":" + io.rtc.cli.json.JsonText.write(j -> j.writeString(body))
                + ",\"archivedAt\":\"" + archivedAt + "\"}";
    }
}
