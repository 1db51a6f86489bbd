package io.rtc.cli.bench.fanout;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one event loop measured, handed over once its load stopped and its tail clients closed.
 * Counts are of the whole run (warmup included) unless they say measured.
 *
 * @param sent            POSTs sent in the measured phase
 * @param published       of those, the ones answered 202
 * @param confirmed       202s of the whole run: the ids that must reach the archive and every tail client
 * @param unavailable     503 answers
 * @param errors          other answers (4xx, 5xx), and requests that got no answer (connect, timeout)
 * @param wrong           202s naming another id than the one sent, tail frames that are not readable
 * @param tailSeen        each tail client's set of ids seen, in tail client order
 * @param tailOpen        for each tail client, whether it was still connected at the end
 */
record ShardResult(long sent, long published, long confirmed, long unavailable, long errors, long wrong,
                   IdSet accepted, Histogram publishLatencyNanos, Histogram tailLatencyNanos,
                   long tailConnectFailures, long tailClosedByPeer, long tailDeliveries, long tailDuplicated,
                   long tailForeign, List<IdSet> tailSeen, List<Boolean> tailOpen, String firstError) {
}
