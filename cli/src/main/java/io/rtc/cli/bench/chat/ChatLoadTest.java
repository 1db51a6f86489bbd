package io.rtc.cli.bench.chat;

import io.rtc.cli.bench.BenchVertx;
import io.rtc.cli.bench.Counts;
import io.rtc.cli.bench.LatencyRecorder;
import io.rtc.cli.bench.LatencySummary;
import io.rtc.cli.bench.LoadPhase;
import io.rtc.cli.bench.LoadPhase.Phase;
import io.rtc.cli.bench.Progress;
import io.rtc.cli.signalr.TransportType;
import io.rtc.cli.ws.WsClients;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one chat benchmark: connect and join every member, send (warm up, measure), drain until
 * every expected delivery arrived or the drain time is up, count the losses, close, and merge what
 * each event loop counted. This thread only coordinates; all traffic runs on the event loops.
 */
final class ChatLoadTest {

    private static final Duration DRAIN_POLL = Duration.ofMillis(50);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Duration SLACK = Duration.ofSeconds(10);

    private final ChatPlan plan;
    private final Progress progress;

    ChatLoadTest(ChatPlan plan, Progress progress) {
        this.plan = plan;
        this.progress = progress;
    }

    ChatReport run() throws InterruptedException, TimeoutException {
        try (BenchVertx bench = BenchVertx.start(plan.threads())) {
            ChatTransport transport = transport(bench);
            boolean warmup = !plan.warmup().isZero();
            LoadPhase phase = new LoadPhase(warmup ? Phase.WARMUP : Phase.MEASURE);
            List<Context> loops = bench.loops();
            List<ChatShard> shards = new ArrayList<>();
            for (int i = 0; i < loops.size(); i++) {
                shards.add(new ChatShard(i, loops.size(), loops.get(i), plan, transport, phase));
            }

            progress.say("connecting %,d members (%d rooms x %d) over %s with %s (%s), joining their rooms",
                    plan.connections(), plan.rooms(), plan.members(), String.join(", ", plan.urls()), plan.wire(),
                    plan.auth().mode().equals("none") ? "anonymous" : "signed in: " + plan.auth().mode());
            long connectStart = System.nanoTime();
            onAll(shards, ChatShard::connectAndJoin, connectBudget());
            long joinedAt = System.nanoTime();
            progress.say("connect and join done in %.1f s", seconds(joinedAt - connectStart));

            onAll(shards, ChatShard::startSending, SLACK);
            if (warmup) {
                progress.say("warming up for %.1f s", seconds(plan.warmup()));
                Thread.sleep(plan.warmup().toMillis());
                phase.set(Phase.MEASURE);
            }
            progress.say("measuring for %.1f s: %d senders x %s msg/s", seconds(plan.duration()),
                    plan.totalSenders(), plan.ratePerSender());
            long start = System.nanoTime();
            Thread.sleep(plan.duration().toMillis());
            phase.set(Phase.DRAIN);
            long end = System.nanoTime();

            progress.say("draining for up to %.1f s", seconds(plan.drain()));
            long[] sentBySender = drain(shards);
            List<ChatLoopResult> results = onAll(shards, s -> s.finish(sentBySender, CLOSE_WAIT), CLOSE_WAIT.plus(SLACK));
            return report(results, seconds(end - start), connectStart, joinedAt);
        }
    }

    private ChatTransport transport(BenchVertx bench) {
        List<WebSocketClient> webSockets = new ArrayList<>();
        for (String address : plan.localAddresses()) {
            webSockets.add(WsClients.create(bench.vertx(), plan.connectTimeout(), address));
        }
        if (plan.protocol() == ChatProtocol.SOCKETIO) {
            return new SocketIoTransport(bench.vertx(), webSockets, plan.connectTimeout());
        }
        List<HttpClient> http = new ArrayList<>();
        for (String address : plan.localAddresses()) {
            http.add(bench.vertx().createHttpClient(httpOptions(address)));
        }
        return new SignalRTransport(bench.vertx(), http, webSockets, plan.hubOptions(),
                plan.auth().tokens(plan.connections(), progress));
    }

    private HttpClientOptions httpOptions(String localAddress) {
        // Over WebSockets only negotiate goes by HTTP, short requests: a pool as wide as the handshakes in
        // flight keeps them from queueing. SSE and long polling hold a request open per member (the stream,
        // the poll) and may have a POST in flight beside it: a pool narrower than that would starve the POSTs.
        int pool = plan.transport() == TransportType.WEBSOCKETS ? Math.min(plan.connectConcurrency(), 500)
                : 2 * plan.connections() + plan.connectConcurrency();
        HttpClientOptions options = new HttpClientOptions().setMaxPoolSize(pool)
                .setConnectTimeout((int) plan.connectTimeout().toMillis());
        return localAddress == null ? options : options.setLocalAddress(localAddress);
    }

    /** Polls until the members received all that was sent in the measured phase, or the drain time is up. */
    private long[] drain(List<ChatShard> shards) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + plan.drain().toNanos();
        while (true) {
            List<ShardProgress> parts = onAll(shards, ChatShard::progress, SLACK);
            if (ShardProgress.complete(parts, plan.rooms(), plan.senders()) || System.nanoTime() >= deadline) {
                // The phase was DRAIN before this poll reached each loop, so no sender adds to these counts.
                return ShardProgress.sentBySender(parts, plan.totalSenders());
            }
            Thread.sleep(DRAIN_POLL.toMillis());
        }
    }

    private ChatReport report(List<ChatLoopResult> results, double measuredSeconds, long connectStart, long joinedAt) {
        Counts connections = Counts.ZERO;
        ChatCounts chat = ChatCounts.ZERO;
        long lastOpened = connectStart;
        for (ChatLoopResult result : results) {
            connections = connections.plus(result.connections());
            chat = chat.plus(result.chat());
            lastOpened = Math.max(lastOpened, result.lastOpenedNanos());
        }
        LatencySummary latency = LatencySummary.of(
                LatencyRecorder.merge(results.stream().map(ChatLoopResult::latencyNanos).toList()));
        LatencySummary connectLatency = LatencySummary.of(
                LatencyRecorder.merge(results.stream().map(ChatLoopResult::connectNanos).toList()));
        ConnectTiming connect = ConnectTiming.of(connections.opened(), lastOpened - connectStart, joinedAt - connectStart,
                connectLatency);
        return ChatReport.of(plan, measuredSeconds, connections, chat, latency, connect);
    }

    /** Worst case: every batch of members waits for connect, handshake and join timeouts. */
    private Duration connectBudget() {
        long batches = (plan.connections() + plan.connectConcurrency() - 1L) / plan.connectConcurrency();
        return plan.connectTimeout().multipliedBy(3).plus(plan.replyTimeout()).multipliedBy(batches).plus(SLACK);
    }

    private static <T> List<T> onAll(List<ChatShard> shards, Function<ChatShard, Future<T>> action, Duration timeout)
            throws InterruptedException, TimeoutException {
        return BenchVertx.awaitAll(shards.stream().map(action).toList(), timeout);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
