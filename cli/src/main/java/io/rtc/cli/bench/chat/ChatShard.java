package io.rtc.cli.bench.chat;

import io.rtc.cli.bench.BenchVertx;
import io.rtc.cli.bench.ConnectRamp;
import io.rtc.cli.bench.LatencyRecorder;
import io.rtc.cli.bench.LoadPhase;
import io.rtc.cli.bench.RunCounters;
import io.rtc.cli.signalr.HubException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The members of one event loop, with their senders, counters and histogram. The public steps may
 * be called from any thread and hop onto the loop; the callbacks from members already run on it,
 * so nothing here needs a lock.
 */
final class ChatShard {

    private static final String SYSTEM_USER = "System";

    private final int index;
    private final int shardCount;
    private final Context context;
    private final ChatPlan plan;
    private final ChatTransport transport;
    private final LoadPhase phase;
    private final ChatPayload payload;
    private final LatencyRecorder latency = new LatencyRecorder();
    private final LatencyRecorder connectLatency = new LatencyRecorder();
    private long lastOpenedNanos;
    private final RunCounters counters = new RunCounters();
    private final List<Member> members = new ArrayList<>();
    private final List<Sender> senders = new ArrayList<>();
    private long joined;
    private long deliveries;
    private long duplicated;
    private long wrong;
    private long foreign;

    ChatShard(int index, int shardCount, Context context, ChatPlan plan, ChatTransport transport, LoadPhase phase) {
        this.index = index;
        this.shardCount = shardCount;
        this.context = context;
        this.plan = plan;
        this.transport = transport;
        this.phase = phase;
        this.payload = new ChatPayload(plan.messageSize());
    }

    /** Connects and joins this loop's members: numbers index, index + shardCount, ... */
    Future<Void> connectAndJoin() {
        int share = (plan.connections() - index + shardCount - 1) / shardCount;
        int concurrency = (plan.connectConcurrency() + shardCount - 1) / shardCount;
        return BenchVertx.on(context, () -> new ConnectRamp(share, concurrency, this::connectAndJoin).start());
    }

    Future<Void> startSending() {
        return BenchVertx.on(context, () -> {
            long interval = plan.intervalNanos();
            for (Sender sender : senders) {
                sender.start(ThreadLocalRandom.current().nextLong(interval));
            }
            return Future.succeededFuture();
        });
    }

    Future<ShardProgress> progress() {
        return BenchVertx.on(context, () -> {
            long[] sent = new long[plan.totalSenders()];
            senders.forEach(s -> sent[s.senderId()] = s.measuredSent());
            int[] joinedByRoom = new int[plan.rooms()];
            long received = 0;
            for (Member member : members) {
                if (member.listening()) {
                    joinedByRoom[member.room]++;
                    received += member.ledger.measuredReceived();
                }
            }
            return Future.succeededFuture(new ShardProgress(sent, joinedByRoom, received));
        });
    }

    /** Counts what each listening member lost of {@code measuredSentBySender}, then closes everything. */
    Future<ChatLoopResult> finish(long[] measuredSentBySender, Duration closeWait) {
        return BenchVertx.on(context, () -> {
            long expected = 0;
            long lost = 0;
            long open = 0;
            for (Member member : members) {
                if (member.connection != null && member.connection.isOpen()) {
                    open++;
                }
                if (member.listening()) {
                    int first = member.room * plan.senders();
                    for (int s = 0; s < plan.senders(); s++) {
                        expected += measuredSentBySender[first + s];
                    }
                    lost += member.ledger.lost(measuredSentBySender, first);
                }
            }
            counters.openAtEnd(open);
            long sent = senders.stream().mapToLong(Sender::measuredSent).sum();
            ChatCounts chat = new ChatCounts(joined, sent, deliveries, expected, lost, duplicated, wrong, foreign);
            return closeAll(closeWait).map(v -> new ChatLoopResult(counters.snapshot(), chat, latency.copy(),
                    connectLatency.copy(), lastOpenedNanos));
        });
    }

    void received(Member member, String user, String text) {
        long now = System.nanoTime();
        if (SYSTEM_USER.equals(user)) {
            return; // the hub's join and leave notices
        }
        ChatPayload.Stamp stamp = payload.parse(text);
        if (stamp == null) {
            foreign++;
            return;
        }
        if (stamp.senderId() < 0 || stamp.senderId() >= plan.totalSenders()
                || plan.roomOfSender(stamp.senderId()) != member.room
                || !user.equals(plan.userOfSender(stamp.senderId())) || !stamp.intact()) {
            wrong++;
            return;
        }
        if (!member.ledger.record(stamp.senderId() % plan.senders(), stamp.seq(), stamp.measured())) {
            duplicated++;
        } else if (stamp.measured()) {
            deliveries++;
            latency.recordNanos(now - stamp.sentNanos());
        }
    }

    void closed(Member member, String reason) {
        counters.closedByPeer();
        counters.error(member.user + ": " + reason);
    }

    /**
     * Only the server's refusals count here. A send that failed because its connection went away
     * is the connection's failure, counted once when it closes, not once per message in flight.
     */
    void sendFailed(Throwable cause) {
        if (cause instanceof HubException) {
            counters.error("SendMessage: " + RunCounters.describe(cause));
        }
    }

    private Future<?> connectAndJoin(int k) {
        Member member = new Member(this, plan, index + k * shardCount);
        long start = System.nanoTime();
        return transport.connect(member.index, plan.urlOf(member.index), member)
                .onFailure(counters::connectFailed)
                .compose(connection -> {
                    long now = System.nanoTime();
                    connectLatency.recordNanos(now - start);
                    lastOpenedNanos = Math.max(lastOpenedNanos, now);
                    counters.opened();
                    member.connection = connection;
                    members.add(member);
                    return BenchVertx.within(context, connection.join(member.roomName), plan.replyTimeout())
                            .onSuccess(v -> joined(member))
                            .onFailure(t -> counters.connectFailed(new IllegalStateException(
                                    "JoinRoom(" + member.roomName + "): " + RunCounters.describe(t))));
                });
    }

    private void joined(Member member) {
        member.joined = true;
        joined++;
        int senderId = plan.senderId(member.index);
        if (senderId >= 0) {
            senders.add(new Sender(this, member, senderId, plan.intervalNanos(), payload, phase, context.owner()));
        }
    }

    private Future<Void> closeAll(Duration wait) {
        List<Future<Void>> closes = new ArrayList<>();
        for (Member member : members) {
            if (member.connection.isOpen()) {
                closes.add(member.connection.close());
            }
        }
        Promise<Void> done = Promise.promise();
        Future.join(closes).onComplete(v -> done.tryComplete());
        context.owner().setTimer(Math.max(1, wait.toMillis()), id -> done.tryComplete());
        return done.future();
    }
}
