package io.rtc.cli.bench.fanout;

import io.vertx.core.http.ClientWebSocket;

/**
 * One connection to {@code /logs/stream}: which of this run's ids reached it, and what else did.
 * Event-loop only (its shard's loop).
 */
final class TailClient {

    final int number;
    final IdSet seen;
    ClientWebSocket ws;
    boolean open;
    /** First arrivals of measured messages. */
    long deliveries;
    long duplicated;
    long foreign;
    long wrong;

    TailClient(int number, int shards) {
        this.number = number;
        this.seen = new IdSet(shards);
    }
}
