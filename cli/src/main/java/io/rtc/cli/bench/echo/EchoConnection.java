package io.rtc.cli.bench.echo;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;

/**
 * One connection's closed loop: messages go out with increasing sequence numbers and replies
 * must come back in the same order. Runs on its shard's event loop only, so plain fields suffice.
 */
final class EchoConnection {

    private static final short NORMAL_CLOSURE = 1000;

    enum State { OPEN, FAILED, STALLED, CLOSING, CLOSED }

    private final EchoShard shard;
    private final WebSocket ws;
    private final EchoPayload payload;
    private final long[] sendTimes;
    private final int mask;
    private long sent;
    private long answered;
    private boolean midReply;
    private int replyOffset;
    private boolean replyWrong;
    private boolean skipping;
    private State state = State.OPEN;

    EchoConnection(EchoShard shard, WebSocket ws, EchoPayload payload, int window) {
        this.shard = shard;
        this.ws = ws;
        this.payload = payload;
        // A ring of send times indexed by sequence number; a power of two so the index is a mask.
        int capacity = Integer.highestOneBit(Math.max(1, window - 1)) << 1;
        this.sendTimes = new long[capacity];
        this.mask = capacity - 1;
        ws.frameHandler(this::onFrame);
        ws.exceptionHandler(this::onException);
        ws.closeHandler(v -> onClose());
    }

    void send(int count) {
        for (int i = 0; i < count && state == State.OPEN; i++) {
            long seq = sent++;
            sendTimes[(int) (seq & mask)] = System.nanoTime();
            if (payload.binary()) {
                ws.writeBinaryMessage(payload.binary(seq));
            } else {
                ws.writeTextMessage(payload.text(seq));
            }
        }
    }

    State state() {
        return state;
    }

    long inFlight() {
        return sent - answered;
    }

    /** Send time of the oldest unanswered message; only meaningful while {@link #inFlight()} > 0. */
    long oldestSendNanos() {
        return sendTimes[(int) (answered & mask)];
    }

    /** Gives up on a connection whose reply is overdue; its unanswered messages are the caller's to count. */
    void abandon() {
        state = State.STALLED;
        ws.close();
    }

    void closeNormally() {
        state = State.CLOSING;
        ws.close(NORMAL_CLOSURE);
    }

    private void onFrame(WebSocketFrame frame) {
        if (state != State.OPEN || !(frame.isText() || frame.isBinary() || frame.isContinuation())) {
            return; // control frames are answered by Vert.x itself
        }
        if (!midReply) {
            // First frame of a message: it answers the oldest unanswered one, or nothing at all.
            skipping = answered == sent;
            if (skipping) {
                shard.unsolicited(this);
            }
            replyWrong = frame.isBinary() != payload.binary() || frame.isContinuation();
            replyOffset = 0;
        }
        midReply = !frame.isFinal();
        if (skipping) {
            return;
        }
        Buffer data = frame.binaryData();
        if (!replyWrong && !payload.matches(data, replyOffset, answered)) {
            replyWrong = true;
        }
        replyOffset += data.length();
        if (!midReply) {
            boolean correct = !replyWrong && replyOffset == payload.replyLength();
            long seq = answered++;
            shard.replied(this, correct, System.nanoTime() - sendTimes[(int) (seq & mask)]);
        }
    }

    private void onException(Throwable cause) {
        if (state == State.OPEN) {
            state = State.FAILED;
            shard.failed(this, cause.getMessage() == null ? cause.toString() : cause.getMessage());
            ws.close();
        }
    }

    private void onClose() {
        State previous = state;
        state = State.CLOSED;
        switch (previous) {
            case OPEN -> shard.closedByPeer(this, describeClose());
            case CLOSING -> shard.closeCompleted();
            default -> {
                // FAILED was counted when it failed; STALLED was closed by us.
            }
        }
    }

    private String describeClose() {
        Short code = ws.closeStatusCode();
        if (code == null) {
            return "connection dropped without a close frame";
        }
        String reason = ws.closeReason();
        return "closed by server: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason);
    }
}
