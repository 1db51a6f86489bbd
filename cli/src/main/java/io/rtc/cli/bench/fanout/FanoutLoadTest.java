package io.rtc.cli.bench.fanout;

import io.rtc.cli.bench.BenchVertx;
import io.rtc.cli.bench.LatencyRecorder;
import io.rtc.cli.bench.LatencySummary;
import io.rtc.cli.bench.LoadPhase;
import io.rtc.cli.bench.LoadPhase.Phase;
import io.rtc.cli.bench.Progress;
import io.rtc.cli.bench.RunCounters;
import io.rtc.cli.fanout.LogsApi;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one fanout benchmark: check the archive answers, connect the tail clients, publish (warm up,
 * measure), wait for the POSTs in flight, wait until every tail client saw every confirmed id (or the
 * drain time is up), poll the archive until it holds every confirmed id (or the archive timeout),
 * close, and count what is missing or doubled. This thread only coordinates; all traffic runs on the
 * event loops.
 */
final class FanoutLoadTest {

    /** The benchmark could not start: the service does not answer. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    /** Archive entries asked beyond the run's own, for other publishers' messages in between. */
    static final int ARCHIVE_SLACK = 1_000;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration ARCHIVE_POLL = Duration.ofMillis(500);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Duration SLACK = Duration.ofSeconds(10);

    private final FanoutPlan plan;
    private final Progress progress;

    FanoutLoadTest(FanoutPlan plan, Progress progress) {
        this.plan = plan;
        this.progress = progress;
    }

    FanoutReport run() throws InterruptedException, TimeoutException, Unreachable {
        try (BenchVertx bench = BenchVertx.start(plan.threads())) {
            List<Context> loops = bench.loops();
            HttpClient archiveHttp = LogsApi.client(bench.vertx(), 1, plan.connectTimeout(), plan.localAddress(0));
            progress.say("checking that %s answers GET %s", plan.url(), plan.url().basePath() + "/api/logs?limit=1");
            try {
                archive(loops.get(0), archiveHttp, 1);
            } catch (RuntimeException | TimeoutException e) {
                throw new Unreachable("cannot read the archive of " + plan.url() + ": " + RunCounters.describe(e));
            }

            boolean warmup = !plan.warmup().isZero();
            LoadPhase phase = new LoadPhase(warmup ? Phase.WARMUP : Phase.MEASURE);
            BenchIds ids = new BenchIds(plan.run());
            FanoutPayload payload = new FanoutPayload(plan.size(), FanoutPayload.isJson(plan.contentType()));
            PublishRequests requests = new PublishRequests(plan.url(), plan.contentType(), ids, payload);
            WallClock clock = WallClock.now();
            List<FanoutShard> shards = new ArrayList<>();
            for (int i = 0; i < loops.size(); i++) {
                shards.add(new FanoutShard(i, loops.get(i), plan, phase, ids, requests, clock));
            }

            if (plan.tailClients() > 0) {
                progress.say("connecting %d tail clients to %s", plan.tailClients(), plan.stream());
                List<Future<Void>> connects = new ArrayList<>();
                int first = 0;
                for (int i = 0; i < shards.size(); i++) {
                    connects.add(shards.get(i).connectTails(first));
                    first += plan.tailClientsOf(i);
                }
                BenchVertx.awaitAll(connects, plan.connectTimeout().multipliedBy(2).plus(SLACK));
            }

            onAll(shards, FanoutShard::start, SLACK);
            if (warmup) {
                progress.say("warming up for %.1f s", seconds(plan.warmup()));
                Thread.sleep(plan.warmup().toMillis());
                phase.set(Phase.MEASURE);
            }
            progress.say("measuring for %.1f s: %s", seconds(plan.duration()), plan.openLoop()
                    ? plan.rate() + " msg/s on schedule (open loop)"
                    : plan.concurrency() + " POSTs in flight (closed loop)");
            long start = System.nanoTime();
            Thread.sleep(plan.duration().toMillis());
            phase.set(Phase.DRAIN);
            long end = System.nanoTime();

            progress.say("draining: the POSTs in flight, then the tail clients (up to %.1f s)", seconds(plan.drain()));
            onAll(shards, s -> s.quiet(plan.replyTimeout().plusSeconds(1)), plan.replyTimeout().plus(SLACK));
            IdSet accepted = new IdSet(plan.threads());
            List<IdSet> parts = onAll(shards, FanoutShard::accepted, SLACK);
            for (int i = 0; i < parts.size(); i++) {
                accepted.putShard(i, parts.get(i));
            }
            drainTails(shards, accepted);

            progress.say("checking the archive for %,d confirmed ids (up to %.1f s)", accepted.size(),
                    seconds(plan.archiveTimeout()));
            ArchiveCheck archive = checkArchive(loops.get(0), archiveHttp, ids, accepted);
            List<ShardResult> results = onAll(shards, s -> s.finish(CLOSE_WAIT), CLOSE_WAIT.plus(SLACK));
            return report(results, accepted, archive, (end - start) / 1e9);
        }
    }

    private void drainTails(List<FanoutShard> shards, IdSet accepted) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + plan.drain().toNanos();
        while (true) {
            long missing = onAll(shards, s -> s.tailMissing(accepted), SLACK).stream().mapToLong(Long::longValue).sum();
            if (missing == 0 || System.nanoTime() >= deadline) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The last archive read, and how long it took until it held everything (or the timeout). */
    private record ArchiveCheck(ArchiveScan scan, double waitSeconds, String error) {
    }

    private ArchiveCheck checkArchive(Context loop, HttpClient http, BenchIds ids, IdSet accepted)
            throws InterruptedException {
        int limit = (int) Math.min(FanoutPlan.ARCHIVE_MAX_LIMIT, accepted.size() + ARCHIVE_SLACK);
        long start = System.nanoTime();
        long deadline = start + plan.archiveTimeout().toNanos();
        ArchiveScan last = null;
        String error = null;
        while (true) {
            try {
                last = ArchiveScan.scan(archive(loop, http, limit).getBytes(), ids, plan.threads(), limit);
                error = null;
                if (last.seen().missingOf(checkable(accepted, last)) == 0) {
                    break;
                }
            } catch (RuntimeException | TimeoutException e) {
                error = "archive: " + RunCounters.describe(e);
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            Thread.sleep(ARCHIVE_POLL.toMillis());
        }
        return new ArchiveCheck(last, (System.nanoTime() - start) / 1e9, last == null ? error : null);
    }

    private Buffer archive(Context loop, HttpClient http, int limit) throws InterruptedException, TimeoutException {
        Duration timeout = plan.replyTimeout().compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30)
                : plan.replyTimeout();
        return BenchVertx.await(BenchVertx.on(loop, () -> LogsApi.archive(http, plan.url(), limit, timeout)),
                timeout.plus(SLACK));
    }

    /**
     * The confirmed ids the archive's answer can tell about. When it was full (the archive answers
     * the newest entries only), ids sent before its oldest entry was archived may just have been left
     * out (see {@link ArchiveScan#scan}).
     */
    static IdSet checkable(IdSet accepted, ArchiveScan scan) {
        return scan.full() ? accepted.from(scan.checkableFrom()) : accepted;
    }

    private FanoutReport report(List<ShardResult> results, IdSet accepted, ArchiveCheck archive, double measuredSeconds) {
        long sent = 0;
        long published = 0;
        long unavailable = 0;
        long errors = 0;
        long wrong = 0;
        long tailConnectFailures = 0;
        long tailClosedByPeer = 0;
        long tailDeliveries = 0;
        long tailDuplicated = 0;
        long foreign = 0;
        String firstError = null;
        List<IdSet> tails = new ArrayList<>();
        for (ShardResult r : results) {
            sent += r.sent();
            published += r.published();
            unavailable += r.unavailable();
            errors += r.errors();
            wrong += r.wrong();
            tailConnectFailures += r.tailConnectFailures();
            tailClosedByPeer += r.tailClosedByPeer();
            tailDeliveries += r.tailDeliveries();
            tailDuplicated += r.tailDuplicated();
            foreign += r.tailForeign();
            tails.addAll(r.tailSeen());
            if (firstError == null) {
                firstError = r.firstError();
            }
        }
        long tailMissing = 0;
        for (IdSet tail : tails) {
            tailMissing += tail.missingOf(accepted);
        }
        IdSet lost = IdSet.missingAnywhere(accepted, tails);
        ArchiveScan scan = archive.scan();
        long archiveFound = 0;
        long archiveMissing = 0;
        long archiveUnchecked = 0;
        long archiveDuplicated = 0;
        LatencySummary archiveLatency = LatencySummary.EMPTY;
        if (scan != null) {
            IdSet checkable = checkable(accepted, scan);
            archiveUnchecked = accepted.size() - checkable.size();
            archiveMissing = scan.seen().missingOf(checkable);
            archiveFound = checkable.size() - archiveMissing;
            archiveDuplicated = scan.duplicated();
            foreign += scan.foreign();
            wrong += scan.wrong();
            archiveLatency = LatencySummary.of(scan.latencyNanos());
            lost = lost.union(IdSet.missingAnywhere(checkable, List.of(scan.seen())));
        } else {
            errors++;
            firstError = firstError != null ? firstError : archive.error();
        }
        LatencySummary publishLatency = LatencySummary.of(
                LatencyRecorder.merge(results.stream().map(ShardResult::publishLatencyNanos).toList()));
        LatencySummary tailLatency = LatencySummary.of(
                LatencyRecorder.merge(results.stream().map(ShardResult::tailLatencyNanos).toList()));
        return new FanoutReport("fanout", plan.mode(), plan.url().url(), plan.stream().url(), plan.concurrency(),
                plan.rate(), plan.size(), plan.contentType(), plan.tailClients(), plan.threads(),
                seconds(plan.warmup()), round(measuredSeconds), seconds(plan.drain()), seconds(plan.archiveTimeout()),
                sent, published, round(published / measuredSeconds), unavailable, errors, publishLatency, tailLatency,
                archiveLatency, accepted.size(), tails.size(), tailConnectFailures, tailClosedByPeer, tailDeliveries,
                tailMissing, tailDuplicated, scan != null, archiveFound, archiveMissing, archiveUnchecked,
                archiveDuplicated, round(archive.waitSeconds()), lost.size(), tailDuplicated + archiveDuplicated, wrong,
                foreign, firstError);
    }

    private static <T> List<T> onAll(List<FanoutShard> shards, Function<FanoutShard, Future<T>> action, Duration timeout)
            throws InterruptedException, TimeoutException {
        return BenchVertx.awaitAll(shards.stream().map(action).toList(), timeout);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
