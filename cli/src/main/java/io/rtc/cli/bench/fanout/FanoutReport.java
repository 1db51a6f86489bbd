package io.rtc.cli.bench.fanout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rtc.cli.bench.LatencySummary;

/**
 * The result of one fanout run, printed as a summary or as one JSON object: the sibling of
 * {@link io.rtc.cli.bench.BenchReport} for confirmed publishes. Latencies are of the messages sent in
 * the measured phase; the checks (confirmed ... duplicated) cover every message of the run, warmup included.
 *
 * @param sent               POSTs sent in the measured phase
 * @param published          of those, the ones the server confirmed (202)
 * @param publishedPerSecond published / measured seconds: confirmed publishes per second
 * @param unavailable        503 answers (the server could not have the message confirmed), whole run
 * @param errors             other answers and requests without an answer (refused, reset, timed out), whole run
 * @param publishLatencyMicros POST sent to 202 received
 * @param tailLatencyMicros  POST sent to the frame on a tail client, once per tail client
 * @param archiveLatencyMicros the archive entry's archivedAt minus the send time (wall clocks, millisecond resolution)
 * @param confirmed          202s of the whole run: the ids that must reach the archive and every tail client
 * @param tailDeliveries     measured messages that reached a tail client, counted once per client
 * @param tailMissing        confirmed messages a tail client never saw, summed over the tail clients
 * @param tailDuplicated     a frame whose id a tail client had already seen
 * @param archiveChecked     whether the archive could be read
 * @param archiveFound       confirmed ids found in the archive
 * @param archiveMissing     confirmed ids not in the archive when the check ended
 * @param archiveUnchecked   confirmed ids older than the archive's window (it answers 100,000 entries at most):
 *                           sent before its oldest entry was archived, or less than a second after
 * @param archiveDuplicated  archive entries whose id came before in the archive
 * @param archiveWaitSeconds from the end of the drain until the archive held every confirmed id (or the timeout)
 * @param lost               confirmed ids missing from the archive or from at least one tail client
 * @param duplicated         tailDuplicated + archiveDuplicated
 * @param wrong              a 202 naming another id than the Message-Id sent, a frame or entry of ours that is unreadable
 * @param foreign            frames and archive entries of other publishers, ignored
 */
@RegisterForReflection
@JsonPropertyOrder({"scenario", "mode", "url", "streamUrl", "concurrency", "rate", "size", "contentType", "tailClients",
        "threads", "warmupSeconds", "durationSeconds", "drainSeconds", "archiveTimeoutSeconds", "sent", "published",
        "publishedPerSecond", "unavailable", "errors", "publishLatencyMicros", "tailLatencyMicros",
        "archiveLatencyMicros", "confirmed", "tailConnected", "tailConnectFailures", "tailClosedByPeer",
        "tailDeliveries", "tailMissing", "tailDuplicated", "archiveChecked", "archiveFound", "archiveMissing",
        "archiveUnchecked", "archiveDuplicated", "archiveWaitSeconds", "lost", "duplicated", "wrong", "foreign",
        "passed", "firstError"})
public record FanoutReport(
        String scenario,
        String mode,
        String url,
        String streamUrl,
        int concurrency,
        double rate,
        int size,
        String contentType,
        int tailClients,
        int threads,
        double warmupSeconds,
        double durationSeconds,
        double drainSeconds,
        double archiveTimeoutSeconds,
        long sent,
        long published,
        double publishedPerSecond,
        long unavailable,
        long errors,
        LatencySummary publishLatencyMicros,
        LatencySummary tailLatencyMicros,
        LatencySummary archiveLatencyMicros,
        long confirmed,
        long tailConnected,
        long tailConnectFailures,
        long tailClosedByPeer,
        long tailDeliveries,
        long tailMissing,
        long tailDuplicated,
        boolean archiveChecked,
        long archiveFound,
        long archiveMissing,
        long archiveUnchecked,
        long archiveDuplicated,
        double archiveWaitSeconds,
        long lost,
        long duplicated,
        long wrong,
        long foreign,
        @JsonInclude(JsonInclude.Include.NON_NULL) String firstError) {

    /**
     * Something was confirmed, and every confirmed message reached the archive and every tail client
     * exactly once, with no error and every tail client connected. 503s alone do not fail a run: they
     * are the service saying no in the way the contract allows.
     */
    @JsonProperty("passed")
    public boolean passed() {
        return published > 0 && lost == 0 && duplicated == 0 && wrong == 0 && errors == 0 && archiveChecked
                && tailConnectFailures == 0 && tailConnected == tailClients;
    }
}
