package io.rtc.cli.bench.chat;

import io.rtc.cli.bench.LoadPhase;
import io.rtc.cli.bench.LoadPhase.Phase;
import io.vertx.core.Vertx;

/**
 * Open-loop sending for one sender: messages are due at fixed intervals whatever the server does,
 * so a slow server shows up as latency instead of as a lower send rate (a closed loop would wait).
 * If the event loop falls behind, the overdue messages go out at once (at most {@link #MAX_BURST}
 * per turn, so one sender cannot starve the loop). Event-loop only.
 */
final class Sender {

    static final int MAX_BURST = 1000;

    private final ChatShard shard;
    private final Member member;
    private final int senderId;
    private final long intervalNanos;
    private final ChatPayload payload;
    private final LoadPhase phase;
    private final Vertx vertx;
    private long due;
    private long nextSeq;
    private long measuredSent;

    Sender(ChatShard shard, Member member, int senderId, long intervalNanos, ChatPayload payload, LoadPhase phase,
           Vertx vertx) {
        this.shard = shard;
        this.member = member;
        this.senderId = senderId;
        this.intervalNanos = intervalNanos;
        this.payload = payload;
        this.phase = phase;
        this.vertx = vertx;
    }

    /** @param offsetNanos delay of the first message, to spread the senders over one interval */
    void start(long offsetNanos) {
        due = System.nanoTime() + offsetNanos;
        schedule(offsetNanos);
    }

    int senderId() {
        return senderId;
    }

    long measuredSent() {
        return measuredSent;
    }

    private void tick() {
        Phase now = phase.get();
        if (!now.sending() || !member.listening()) {
            return; // stops for good: the drain has begun or this member can no longer send
        }
        long clock = System.nanoTime();
        for (int burst = 0; due <= clock && burst < MAX_BURST; burst++) {
            boolean measured = now == Phase.MEASURE;
            if (measured) {
                measuredSent++;
            }
            String text = payload.text(measured, senderId, nextSeq++, System.nanoTime());
            member.connection.send(member.roomName, member.user, text).onFailure(shard::sendFailed);
            due += intervalNanos;
        }
        schedule(due - System.nanoTime());
    }

    private void schedule(long delayNanos) {
        vertx.setTimer(Math.max(1, delayNanos / 1_000_000), id -> tick());
    }
}
