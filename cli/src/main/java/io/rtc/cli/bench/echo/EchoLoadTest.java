package io.rtc.cli.bench.echo;

import io.rtc.cli.bench.BenchReport;
import io.rtc.cli.bench.BenchVertx;
import io.rtc.cli.bench.Counts;
import io.rtc.cli.bench.LatencySummary;
import io.rtc.cli.bench.LoadPhase;
import io.rtc.cli.bench.LoadPhase.Phase;
import io.rtc.cli.bench.LoopResult;
import io.rtc.cli.bench.Progress;
import io.rtc.cli.ws.WsClients;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one echo benchmark: connect, (warm up, measure | hold), drain, close, and merge what
 * each event loop counted. This thread only coordinates; all traffic runs on the event loops.
 */
final class EchoLoadTest {

    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Duration SLACK = Duration.ofSeconds(10);

    private final EchoPlan plan;
    private final Progress progress;

    EchoLoadTest(EchoPlan plan, Progress progress) {
        this.plan = plan;
        this.progress = progress;
    }

    BenchReport run() throws InterruptedException, TimeoutException {
        try (BenchVertx bench = BenchVertx.start(plan.threads())) {
            List<WebSocketClient> clients = new ArrayList<>();
            for (String address : plan.localAddresses()) {
                clients.add(WsClients.create(bench.vertx(), plan.connectTimeout(), address));
            }
            boolean warmup = !plan.idle() && !plan.warmup().isZero();
            LoadPhase phase = new LoadPhase(warmup ? Phase.WARMUP : Phase.MEASURE);
            List<Context> loops = bench.loops();
            List<EchoShard> shards = new ArrayList<>();
            for (int i = 0; i < loops.size(); i++) {
                shards.add(new EchoShard(i, loops.size(), loops.get(i), plan, clients, phase));
            }

            progress.say("connecting %,d connections to %s (at most %d handshakes at a time)",
                    plan.connections(), plan.endpoint(), plan.connectConcurrency());
            long connectStart = System.nanoTime();
            onAll(shards, EchoShard::connectAll, connectBudget());
            progress.say("connect phase done in %.1f s", seconds(System.nanoTime() - connectStart));

            long start;
            long end;
            if (plan.idle()) {
                onAll(shards, s -> s.quiet(plan.replyTimeout()), plan.replyTimeout().plus(SLACK));
                progress.say("holding %,d connections for %.1f s", plan.connections(), seconds(plan.duration()));
                start = System.nanoTime();
                Thread.sleep(plan.duration().toMillis());
                phase.set(Phase.DRAIN);
                end = System.nanoTime();
            } else {
                onAll(shards, EchoShard::startSending, SLACK);
                if (warmup) {
                    progress.say("warming up for %.1f s", seconds(plan.warmup()));
                    Thread.sleep(plan.warmup().toMillis());
                    phase.set(Phase.MEASURE);
                }
                progress.say("measuring for %.1f s", seconds(plan.duration()));
                start = System.nanoTime();
                Thread.sleep(plan.duration().toMillis());
                phase.set(Phase.DRAIN);
                end = System.nanoTime();
            }
            progress.say("draining and closing");
            List<LoopResult> results = onAll(shards, s -> s.finish(DRAIN_WAIT, CLOSE_WAIT),
                    DRAIN_WAIT.plus(CLOSE_WAIT).plus(SLACK));
            return report(results, seconds(end - start));
        }
    }

    private BenchReport report(List<LoopResult> results, double measuredSeconds) {
        Counts counts = LoopResult.totalCounts(results);
        double throughput = plan.idle() ? 0 : counts.messages() / measuredSeconds;
        return new BenchReport(
                "echo",
                plan.idle() ? "idle" : "closed-loop",
                plan.endpoint().url(),
                plan.connections(),
                plan.effectiveWindow(),
                plan.size(),
                plan.binary() ? "binary" : "text",
                plan.threads(),
                plan.idle() ? 0 : seconds(plan.warmup()),
                round(measuredSeconds, 3),
                counts.messages(),
                round(throughput, 1),
                LatencySummary.of(LoopResult.totalLatency(results)),
                counts.opened(),
                counts.connectFailures(),
                counts.errors(),
                counts.closedByPeer(),
                counts.wrongReplies(),
                counts.timeouts(),
                counts.openAtEnd(),
                counts.firstError());
    }

    /** Worst case: every batch of handshakes waits for the connect and then the handshake timeout. */
    private Duration connectBudget() {
        long batches = (plan.connections() + plan.connectConcurrency() - 1L) / plan.connectConcurrency();
        return plan.connectTimeout().multipliedBy(2 * batches).plus(SLACK);
    }

    private static <T> List<T> onAll(List<EchoShard> shards, Function<EchoShard, Future<T>> action, Duration timeout)
            throws InterruptedException, TimeoutException {
        return BenchVertx.awaitAll(shards.stream().map(action).toList(), timeout);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
