package io.rtc.cli.bench.fanout;

import io.rtc.cli.fanout.LogsUrl;
import io.rtc.cli.ws.WsEndpoint;
import java.time.Duration;
import java.util.List;

/**
 * One fanout benchmark, validated: where, how much load, how long, how to check.
 *
 * @param concurrency closed loop: POSTs in flight at all times; open loop: the most connections (and
 *                    so requests on the wire) at once, later ones wait in the client's queue
 * @param rate        open loop: messages per second in total, due on a fixed schedule; 0 for the closed loop
 * @param run         the run tag in every message id (see {@link BenchIds})
 */
record FanoutPlan(LogsUrl url, WsEndpoint stream, int concurrency, double rate, int size, String contentType,
                  int tailClients, int threads, List<String> localAddresses, Duration connectTimeout,
                  Duration replyTimeout, Duration warmup, Duration duration, Duration drain, Duration archiveTimeout,
                  String run) {

    /** The archive answers at most this many entries. */
    static final int ARCHIVE_MAX_LIMIT = 100_000;

    boolean openLoop() {
        return rate > 0;
    }

    String mode() {
        return openLoop() ? "open-loop" : "closed-loop";
    }

    /** Shard {@code shard}'s part of {@code total}, spread as evenly as possible (the first shards take the rest). */
    static int share(int total, int shard, int shards) {
        return total / shards + (shard < total % shards ? 1 : 0);
    }

    int concurrencyOf(int shard) {
        return share(concurrency, shard, threads);
    }

    int tailClientsOf(int shard) {
        return share(tailClients, shard, threads);
    }

    /** Open loop: the nanoseconds between two messages of one shard. */
    long intervalNanos() {
        return Math.max(1, Math.round(1e9 * threads / rate));
    }

    String localAddress(int n) {
        return localAddresses.get(n % localAddresses.size());
    }
}
