package io.rtc.cli.bench.echo;

import io.rtc.cli.bench.BenchVertx;
import io.rtc.cli.bench.ConnectRamp;
import io.rtc.cli.bench.LatencyRecorder;
import io.rtc.cli.bench.LoadPhase;
import io.rtc.cli.bench.LoopResult;
import io.rtc.cli.bench.RunCounters;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections of one event loop, with their counters and histogram. connectAll, startSending,
 * quiet and finish may be called from any thread and hop onto the loop; the callbacks from
 * {@link EchoConnection} already run on it, so no state here needs a lock.
 */
final class EchoShard {

    private static final long STALL_CHECK_MILLIS = 500;

    private final int index;
    private final int shardCount;
    private final Context context;
    private final EchoPlan plan;
    private final List<WebSocketClient> clients;
    private final LoadPhase phase;
    private final EchoPayload payload;
    private final LatencyRecorder latency = new LatencyRecorder();
    private final RunCounters counters = new RunCounters();
    private final List<EchoConnection> connections = new ArrayList<>();
    private long inFlight;
    private Promise<Void> quiet;
    private Promise<Void> closed;
    private int pendingCloses;
    private long stallTimer = -1;

    EchoShard(int index, int shardCount, Context context, EchoPlan plan, List<WebSocketClient> clients,
              LoadPhase phase) {
        this.index = index;
        this.shardCount = shardCount;
        this.context = context;
        this.plan = plan;
        this.clients = clients;
        this.phase = phase;
        this.payload = new EchoPayload(plan.size(), plan.binary());
    }

    /** This shard owns the run's connections number index, index + shardCount, ... */
    Future<Void> connectAll() {
        int share = (plan.connections() - index + shardCount - 1) / shardCount;
        int concurrency = (plan.connectConcurrency() + shardCount - 1) / shardCount;
        return BenchVertx.on(context, () -> {
            stallTimer = context.owner().setPeriodic(STALL_CHECK_MILLIS, id -> abandonStalled());
            return new ConnectRamp(share, concurrency, this::connect).start();
        });
    }

    Future<Void> startSending() {
        return BenchVertx.on(context, () -> {
            for (EchoConnection connection : connections) {
                send(connection, plan.effectiveWindow());
            }
            return Future.succeededFuture();
        });
    }

    /** Completes once no message is in flight, or after {@code max}. */
    Future<Void> quiet(Duration max) {
        return BenchVertx.on(context, () -> awaitQuiet(max));
    }

    /** Waits for in-flight replies, counts the missing ones as timeouts, closes with 1000. */
    Future<LoopResult> finish(Duration drainWait, Duration closeWait) {
        return BenchVertx.on(context, () -> awaitQuiet(drainWait).compose(v -> {
            context.owner().cancelTimer(stallTimer);
            long open = 0;
            for (EchoConnection connection : connections) {
                if (connection.state() == EchoConnection.State.OPEN) {
                    open++;
                    counters.timeouts(connection.inFlight());
                }
            }
            counters.openAtEnd(open);
            return closeAll(closeWait);
        }).map(v -> new LoopResult(counters.snapshot(), latency.copy())));
    }

    void replied(EchoConnection connection, boolean correct, long latencyNanos) {
        inFlight--;
        if (!correct) {
            counters.wrongReply();
        }
        LoadPhase.Phase now = phase.get();
        if (now == LoadPhase.Phase.MEASURE) {
            counters.measured();
            latency.recordNanos(latencyNanos);
        }
        if (now.sending() && !plan.idle()) {
            send(connection, 1);
        } else {
            checkQuiet();
        }
    }

    void unsolicited(EchoConnection connection) {
        counters.wrongReply();
    }

    void failed(EchoConnection connection, String description) {
        counters.error(description);
        lost(connection);
    }

    void closedByPeer(EchoConnection connection, String description) {
        counters.closedByPeer();
        counters.error(description);
        lost(connection);
    }

    void closeCompleted() {
        if (--pendingCloses == 0 && closed != null) {
            closed.tryComplete();
        }
    }

    private Future<?> connect(int k) {
        int global = index + k * shardCount;
        WebSocketClient client = clients.get(global % clients.size());
        return client.connect(plan.endpoint().connectOptions(plan.connectTimeout()))
                .onSuccess(ws -> {
                    counters.opened();
                    EchoConnection connection = new EchoConnection(this, ws, payload, plan.effectiveWindow());
                    connections.add(connection);
                    if (plan.idle()) {
                        send(connection, 1);
                    }
                })
                .onFailure(counters::connectFailed);
    }

    private void send(EchoConnection connection, int count) {
        long before = connection.inFlight();
        connection.send(count);
        inFlight += connection.inFlight() - before;
    }

    private void lost(EchoConnection connection) {
        inFlight -= connection.inFlight();
        checkQuiet();
    }

    private void abandonStalled() {
        long now = System.nanoTime();
        long limit = plan.replyTimeout().toNanos();
        for (EchoConnection connection : connections) {
            if (connection.state() == EchoConnection.State.OPEN && connection.inFlight() > 0
                    && now - connection.oldestSendNanos() > limit) {
                counters.timeouts(connection.inFlight());
                inFlight -= connection.inFlight();
                connection.abandon();
            }
        }
        checkQuiet();
    }

    private Future<Void> awaitQuiet(Duration max) {
        if (inFlight == 0) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        quiet = promise;
        context.owner().setTimer(Math.max(1, max.toMillis()), id -> promise.tryComplete());
        return promise.future();
    }

    private void checkQuiet() {
        if (inFlight == 0 && quiet != null) {
            quiet.tryComplete();
            quiet = null;
        }
    }

    private Future<Void> closeAll(Duration wait) {
        closed = Promise.promise();
        for (EchoConnection connection : connections) {
            if (connection.state() == EchoConnection.State.OPEN) {
                pendingCloses++;
                connection.closeNormally();
            }
        }
        if (pendingCloses == 0) {
            closed.tryComplete();
        } else {
            context.owner().setTimer(Math.max(1, wait.toMillis()), id -> closed.tryComplete());
        }
        return closed.future();
    }
}
