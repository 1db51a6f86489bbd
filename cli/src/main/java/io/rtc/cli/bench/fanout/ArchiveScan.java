package io.rtc.cli.bench.fanout;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtc.cli.bench.LatencyRecorder;
import io.rtc.cli.json.JsonText;
import java.io.IOException;
import org.HdrHistogram.Histogram;

/**
 * What one read of {@code GET /api/logs?limit=N} holds of this run: which ids (once or more), and for
 * the measured messages the archive latency, {@code archivedAt} minus the send time (both wall
 * clocks, so only meaningful on one machine or with synchronised clocks). The array is read entry
 * by entry: at 100,000 entries it is tens of megabytes.
 *
 * @param entries    entries in the answer, ours or not
 * @param duplicated entries of ours whose id came before in the same answer
 * @param foreign    entries of other publishers or runs, ignored
 * @param wrong      entries with our id but a body that is not a benchmark body
 * @param full       the answer had {@code limit} entries: older ones may have been left out
 */
record ArchiveScan(IdSet seen, long entries, long duplicated, long foreign, long wrong, Histogram latencyNanos,
                   boolean full) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ArchiveScan scan(byte[] json, BenchIds ids, int shards, int limit) {
        IdSet seen = new IdSet(shards);
        LatencyRecorder latency = new LatencyRecorder();
        long entries = 0;
        long duplicated = 0;
        long foreign = 0;
        long wrong = 0;
        try (JsonParser parser = JSON.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("the archive answer is not a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode entry = JSON.readTree(parser);
                entries++;
                long key = ids.parse(LogEntry.id(entry));
                if (key < 0 || BenchIds.shard(key) >= shards) {
                    foreign++;
                    continue;
                }
                if (!seen.add(key)) {
                    duplicated++;
                    continue;
                }
                FanoutPayload.Stamp stamp = LogEntry.stamp(entry);
                if (stamp == null) {
                    wrong++;
                } else if (stamp.measured()) {
                    long archivedAt = LogEntry.archivedAtMicros(entry);
                    if (archivedAt != Long.MIN_VALUE) {
                        latency.recordNanos((archivedAt - stamp.sendWallMicros()) * 1_000);
                    }
                }
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw new IllegalArgumentException("the archive answer holds something else than objects: "
                        + parser.currentToken());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the archive answer is not valid JSON: "
                    + JsonText.abbreviate(String.valueOf(e.getMessage())));
        }
        return new ArchiveScan(seen, entries, duplicated, foreign, wrong, latency.copy(), entries >= limit);
    }
}
