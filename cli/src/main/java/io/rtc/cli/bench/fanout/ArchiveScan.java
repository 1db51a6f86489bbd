package io.rtc.cli.bench.fanout;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rtc.cli.bench.LatencyRecorder;
import io.rtc.cli.json.JsonText;
import java.io.IOException;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * What one read of {@code GET /api/logs?limit=N} holds of this run: which ids (once or more), and for
 * the measured messages the archive latency, {@code archivedAt} minus the send time (both wall
 * clocks, so only meaningful on one machine or with synchronised clocks). The array is read entry
 * by entry: at 100,000 entries it is tens of megabytes.
 *
 * @param entries       entries in the answer, ours or not
 * @param duplicated    entries of ours whose id came before in the same answer
 * @param foreign       entries of other publishers or runs, ignored
 * @param wrong         entries with our id but a body that is not a benchmark body
 * @param full          the answer had {@code limit} entries: older ones may have been left out
 * @param checkableFrom for a full answer, per shard, the lowest sequence number from which every
 *                      archived message of ours must be in it; -1 for a shard with none (see {@link #scan})
 */
record ArchiveScan(IdSet seen, long entries, long duplicated, long foreign, long wrong, Histogram latencyNanos,
                   boolean full, int[] checkableFrom) {

    /**
     * How much later than the answer's oldest archivedAt a message must have been sent to be surely in
     * the answer: archivedAt is the server's clock at millisecond resolution, the send time the generator's.
     */
    static final long CUT_MARGIN_MICROS = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads one answer. A full answer holds the newest {@code limit} entries only, cut at its oldest
     * entry's archivedAt: a message of ours archived before the cut is left out, not lost. Being sent
     * in parallel, our messages are not archived in the order of their numbers, so the lowest number
     * in the answer does not mark the cut (a few just above it were archived before it). A message
     * sent after the cut was archived after it, though, and one shard's numbers follow its send times:
     * from the lowest number of a shard in the answer sent after the cut (plus a margin), every message
     * of that shard must be in it.
     */
    static ArchiveScan scan(byte[] json, BenchIds ids, int shards, int limit) {
        IdSet seen = new IdSet(shards);
        LatencyRecorder latency = new LatencyRecorder();
        long cutMicros = Long.MIN_VALUE;
        int[] sentAfterCut = new int[shards];
        Arrays.fill(sentAfterCut, -1);
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
                if (entries == 0) {
                    cutMicros = LogEntry.archivedAtMicros(entry);
                }
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
                if (stamp != null && cutMicros != Long.MIN_VALUE
                        && stamp.sendWallMicros() > cutMicros + CUT_MARGIN_MICROS) {
                    int shard = BenchIds.shard(key);
                    int seq = BenchIds.seq(key);
                    if (sentAfterCut[shard] < 0 || seq < sentAfterCut[shard]) {
                        sentAfterCut[shard] = seq;
                    }
                }
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
        // Without a readable cut, the lowest numbers in the answer are the best guess.
        int[] checkableFrom = cutMicros == Long.MIN_VALUE ? seen.lowestSeqs() : sentAfterCut;
        return new ArchiveScan(seen, entries, duplicated, foreign, wrong, latency.copy(), entries >= limit,
                checkableFrom);
    }
}
