package io.rtc.cli.bench.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import io.rtc.cli.bench.BenchVertx;
import io.rtc.cli.bench.LatencyRecorder;
import io.rtc.cli.bench.LoadPhase;
import io.rtc.cli.bench.LoadPhase.Phase;
import io.rtc.cli.bench.RunCounters;
import io.rtc.cli.bench.http.HttpAnswer;
import io.rtc.cli.bench.http.RequestPool;
import io.rtc.cli.fanout.LogsApi;
import io.rtc.cli.fanout.PublishOutcome;
import io.rtc.cli.json.JsonText;
import io.rtc.cli.ws.WsClients;
import io.rtc.cli.ws.WsClose;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The publishers and tail clients of one event loop, with their counters and histograms. The
 * public steps may be called from any thread and hop onto the loop; the callbacks already run on
 * it, so nothing here needs a lock.
 *
 * <p>Closed loop: {@code concurrency} slots, each sends its next POST as soon as the last one was
 * answered. Open loop: a POST is due every interval whatever the server does (late ones go out at
 * once, at most {@link #MAX_BURST} per turn). Each message's id is {@code b<run>-<shard>-<seq>}
 * (the {@code Message-Id} header) and its body carries its send time, so a tail frame is matched
 * and timed even when it comes before the 202.
 */
final class FanoutShard {

    static final int MAX_BURST = 1000;
    /** After a 503 a closed-loop slot waits as Retry-After asks, but at most this long. */
    private static final long MAX_SLOT_PAUSE_MILLIS = 1000;
    /** After a failed request a closed-loop slot waits this long, so a dead server is not hammered. */
    private static final long ERROR_PAUSE_MILLIS = 100;
    private static final short NORMAL_CLOSURE = 1000;

    private final int index;
    private final Context context;
    private final FanoutPlan plan;
    private final LoadPhase phase;
    private final BenchIds ids;
    private final PublishRequests requests;
    private final WallClock clock;
    private final LatencyRecorder publishLatency = new LatencyRecorder();
    private final LatencyRecorder tailLatency = new LatencyRecorder();
    private final IdSet accepted;
    private final List<TailClient> tails = new ArrayList<>();
    private RequestPool posts;
    private WebSocketClient webSockets;
    private long nextSeq;
    private long inFlight;
    private long sent;
    private long published;
    private long confirmed;
    private long unavailable;
    private long errors;
    private long wrong;
    private long tailConnectFailures;
    private long tailClosedByPeer;
    private String firstError;
    private Promise<Void> quiet;
    private long due;

    FanoutShard(int index, Context context, FanoutPlan plan, LoadPhase phase, BenchIds ids, PublishRequests requests,
                WallClock clock) {
        this.index = index;
        this.context = context;
        this.plan = plan;
        this.phase = phase;
        this.ids = ids;
        this.requests = requests;
        this.clock = clock;
        this.accepted = new IdSet(plan.threads());
    }

    /** Connects this loop's share of the tail clients, numbered {@code first}, {@code first + 1}, ... */
    Future<Void> connectTails(int first) {
        return BenchVertx.on(context, () -> {
            int count = plan.tailClientsOf(index);
            webSockets = WsClients.create(context.owner(), plan.connectTimeout(), plan.localAddress(index));
            List<Future<Void>> connects = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                connects.add(connectTail(new TailClient(first + i, plan.threads())));
            }
            return Future.join(connects).mapEmpty();
        });
    }

    private Future<Void> connectTail(TailClient tail) {
        ClientWebSocket ws = webSockets.webSocket();
        tail.ws = ws;
        ws.textMessageHandler(text -> received(tail, text));
        ws.closeHandler(v -> {
            if (tail.open) {
                tail.open = false;
                tailClosedByPeer++;
                note("tail client " + tail.number + ": " + WsClose.describe(ws));
            }
        });
        return ws.connect(plan.stream().connectOptions(plan.connectTimeout()))
                .onSuccess(v -> {
                    tail.open = true;
                    tails.add(tail);
                })
                .onFailure(t -> {
                    tailConnectFailures++;
                    note("tail client " + tail.number + " connect: " + RunCounters.describe(t));
                })
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }

    Future<Void> start() {
        return BenchVertx.on(context, () -> {
            posts = new RequestPool(context, connectionOptions(), plan.url().host(), plan.url().port(),
                    plan.concurrencyOf(index), plan.replyTimeout());
            if (plan.openLoop()) {
                long offset = ThreadLocalRandom.current().nextLong(plan.intervalNanos());
                due = System.nanoTime() + offset;
                schedule(offset);
            } else {
                for (int i = 0; i < plan.concurrencyOf(index); i++) {
                    slot();
                }
            }
            return Future.succeededFuture();
        });
    }

    /** TCP (TLS for https, the host name verified) from this loop's source address. */
    private NetClientOptions connectionOptions() {
        NetClientOptions options = new NetClientOptions()
                .setTcpNoDelay(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, plan.connectTimeout().toMillis())));
        if (plan.url().ssl()) {
            options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
        }
        if (plan.localAddress(index) != null) {
            options.setLocalAddress(plan.localAddress(index));
        }
        return options;
    }

    /** Completes once no POST is in flight (call after the phase became DRAIN), or after {@code max}. */
    Future<Void> quiet(Duration max) {
        return BenchVertx.on(context, () -> {
            if (inFlight == 0) {
                return Future.succeededFuture();
            }
            quiet = Promise.promise();
            long timer = context.owner().setTimer(Math.max(1, max.toMillis()), id -> quiet.tryComplete());
            return quiet.future().onComplete(v -> context.owner().cancelTimer(timer));
        });
    }

    /** The ids this loop got a 202 for (final once {@link #quiet} completed). */
    Future<IdSet> accepted() {
        return BenchVertx.on(context, () -> Future.succeededFuture(accepted.copy()));
    }

    /** Of {@code expected}, how many deliveries the tail clients still connected have not seen yet. */
    Future<Long> tailMissing(IdSet expected) {
        return BenchVertx.on(context, () -> {
            long missing = 0;
            for (TailClient tail : tails) {
                if (tail.open) {
                    missing += tail.seen.missingOf(expected);
                }
            }
            return Future.succeededFuture(missing);
        });
    }

    /** Closes the tail clients and the HTTP client, then hands over what this loop counted. */
    Future<ShardResult> finish(Duration closeWait) {
        return BenchVertx.on(context, () -> {
            List<Boolean> open = new ArrayList<>();
            List<Future<Void>> closes = new ArrayList<>();
            for (TailClient tail : tails) {
                open.add(tail.open);
                if (tail.open) {
                    tail.open = false;
                    closes.add(tail.ws.close(NORMAL_CLOSURE));
                }
            }
            if (posts != null) {
                closes.add(posts.close());
            }
            Promise<Void> done = Promise.promise();
            Future.join(closes).onComplete(v -> done.tryComplete());
            context.owner().setTimer(Math.max(1, closeWait.toMillis()), id -> done.tryComplete());
            return done.future().map(v -> result(open));
        });
    }

    private ShardResult result(List<Boolean> open) {
        long deliveries = 0;
        long duplicated = 0;
        long foreign = 0;
        long unreadable = 0;
        List<IdSet> seen = new ArrayList<>();
        for (TailClient tail : tails) {
            deliveries += tail.deliveries;
            duplicated += tail.duplicated;
            foreign += tail.foreign;
            unreadable += tail.wrong;
            seen.add(tail.seen);
        }
        return new ShardResult(sent, published, confirmed, unavailable, errors, wrong + unreadable, accepted.copy(),
                publishLatency.copy(), tailLatency.copy(), tailConnectFailures, tailClosedByPeer, deliveries, duplicated,
                foreign, seen, open, firstError);
    }

    // --- load ---------------------------------------------------------------------------------------

    private void slot() {
        if (!phase.get().sending()) {
            return;
        }
        send(pauseMillis -> {
            if (pauseMillis == 0) {
                slot();
            } else {
                context.owner().setTimer(pauseMillis, id -> slot());
            }
        });
    }

    private void tick() {
        if (!phase.get().sending()) {
            return; // stops for good: the drain has begun
        }
        long now = System.nanoTime();
        for (int burst = 0; due <= now && burst < MAX_BURST; burst++) {
            send(pauseMillis -> { });
            due += plan.intervalNanos();
        }
        schedule(due - System.nanoTime());
    }

    private void schedule(long delayNanos) {
        context.owner().setTimer(Math.max(1, delayNanos / 1_000_000), id -> tick());
    }

    private interface Then {
        /** @param pauseMillis how long a closed-loop slot should wait before its next POST */
        void next(long pauseMillis);
    }

    private void send(Then then) {
        boolean measured = phase.get() == Phase.MEASURE;
        long seq = nextSeq++;
        long start = System.nanoTime();
        Buffer request = requests.encode(index, seq, measured, start, clock.wallMicros(start));
        if (measured) {
            sent++;
        }
        inFlight++;
        posts.send(request, done -> {
            inFlight--;
            long pause = 0;
            if (done.failed()) {
                errors++;
                note("POST: " + RunCounters.describe(done.cause()));
                pause = ERROR_PAUSE_MILLIS;
            } else if (done.result().status() / 100 == 2) {
                accepted(done.result().bodyText(), seq, measured, start);
            } else {
                HttpAnswer answer = done.result();
                PublishOutcome outcome = LogsApi.publishOutcome(answer.status(), answer.bodyText(), answer::header);
                if (outcome.unavailable()) {
                    unavailable++;
                    pause = outcome.retryAfter() == null ? MAX_SLOT_PAUSE_MILLIS
                            : Math.min(MAX_SLOT_PAUSE_MILLIS, Math.max(1, outcome.retryAfter().toMillis()));
                } else {
                    errors++;
                    note("POST answered " + outcome.describe());
                    pause = ERROR_PAUSE_MILLIS;
                }
            }
            then.next(pause);
            if (inFlight == 0 && quiet != null) {
                quiet.tryComplete();
            }
        });
    }

    /** A 2xx: {@code {"id":"..."}} should name the Message-Id sent. */
    private void accepted(String answer, long seq, boolean measured, long start) {
        long latency = System.nanoTime() - start;
        if (FrameScan.leadingKey(ids, answer) != BenchIds.key(index, seq)) {
            String id = ids.id(index, seq);
            String confirmed = LogsApi.idOf(answer);
            if (confirmed != null && !confirmed.equals(id)) {
                // The server did not take our Message-Id: its stream and archive will not show ours.
                wrong++;
                note("the server confirmed Message-Id " + id + " as id " + confirmed);
            }
        }
        accepted.add(BenchIds.key(index, seq));
        confirmed++;
        if (measured) {
            published++;
            publishLatency.recordNanos(latency);
        }
    }

    // --- tail ---------------------------------------------------------------------------------------

    private void received(TailClient tail, String text) {
        long now = System.nanoTime();
        long key = FrameScan.leadingKey(ids, text);
        FanoutPayload.Stamp stamp = key < 0 ? null : FrameScan.textStamp(text);
        if (stamp == null) {
            // Not one of ours in the usual shape (or not ours at all): the JSON decides.
            JsonNode frame;
            try {
                frame = JsonText.parse(text);
            } catch (IllegalArgumentException e) {
                tail.wrong++;
                note("tail client " + tail.number + ": " + e.getMessage());
                return;
            }
            key = ids.parse(LogEntry.id(frame));
            stamp = key < 0 ? null : LogEntry.stamp(frame);
        }
        if (key < 0 || BenchIds.shard(key) >= plan.threads()) {
            tail.foreign++;
            return;
        }
        if (!tail.seen.add(key)) {
            tail.duplicated++;
            return;
        }
        if (stamp == null) {
            tail.wrong++;
            note("tail client " + tail.number + ": not a benchmark body under id "
                    + ids.id(BenchIds.shard(key), BenchIds.seq(key)));
        } else if (stamp.measured()) {
            tail.deliveries++;
            tailLatency.recordNanos(now - stamp.sendNanos());
        }
    }

    private void note(String description) {
        if (firstError == null) {
            firstError = description;
        }
    }
}
