package io.rtc.chat.transport;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Long polling, the server-to-client half (POSTs carry the other). Records wait in a bounded buffer
 * until a poll takes them all; a poll with nothing to take waits up to the poll timeout. A newer poll
 * replaces the waiting one (answered 204). A client that has not polled for the disconnect timeout is
 * gone. Polls may come from any instance (forwarded), so the transport lives on its session's loop.
 */
public final class LongPollingTransport extends EndingTransport {

    private final EventLoop loop;
    private final long pollTimeoutMillis;
    private final long disconnectTimeoutNanos;
    private final int maxPending;
    private CompositeByteBuf pending = Unpooled.compositeBuffer(Integer.MAX_VALUE);
    private PollSink waiting;
    private ScheduledFuture<?> waitingTimeout;
    private boolean binary;
    private long lastPollEnded = System.nanoTime();
    private boolean ending;
    private boolean deleted;
    private static final long LINGER_MILLIS = 1000;

    public LongPollingTransport(EventLoop loop, long pollTimeoutMillis, long disconnectTimeoutNanos, int maxPending) {
        this.loop = loop;
        this.pollTimeoutMillis = pollTimeoutMillis;
        this.disconnectTimeoutNanos = disconnectTimeoutNanos;
        this.maxPending = maxPending;
    }

    public void start(TransportListener listener) {
        listen(listener);
    }

    /** A poll: answered at once with what waits, or when records come, or empty after the poll timeout. */
    public void poll(PollSink sink) {
        if (closed()) {
            sink.answer(204, null, binary);
            return;
        }
        if (waiting != null) {
            answer(204, null); // replaced by this one
        }
        if (pending.isReadable() || ending) {
            waiting = sink;
            flush();
            return;
        }
        waiting = sink;
        waitingTimeout = loop.schedule(() -> {
            if (waiting == sink) {
                answer(200, null);
            }
        }, pollTimeoutMillis, TimeUnit.MILLISECONDS);
        sink.onGone(() -> loop.execute(() -> {
            if (waiting == sink) {
                waiting = null;
                cancelTimeout();
                lastPollEnded = System.nanoTime();
            }
        }));
    }

    /**
     * The client ended the connection (DELETE): the waiting poll gets 204 and the session goes. A poll the
     * client sent just before the DELETE may still be on its way: the session waits for it a moment, to
     * answer it 204 too. False for a second DELETE.
     */
    public boolean delete() {
        if (deleted) {
            return false;
        }
        boolean pollWaited = waiting != null;
        stopSending();
        if (pollWaited) {
            ended();
        } else {
            loop.schedule(this::ended, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** Nothing more goes to the client: what waits is dropped and the waiting poll, if any, gets 204. */
    private void stopSending() {
        deleted = true;
        ending = true;
        pending.clear();
        if (waiting != null) {
            answer(204, null);
        }
    }

    private void flush() {
        if (pending.isReadable()) {
            ByteBuf body = pending; // handed over whole: the answer releases it
            pending = Unpooled.compositeBuffer(Integer.MAX_VALUE);
            answer(200, body);
        } else {
            answer(204, null);
        }
        if (ending) {
            ended(); // what was left (the Close message) is out
        }
    }

    private void answer(int status, ByteBuf body) {
        PollSink sink = waiting;
        waiting = null;
        cancelTimeout();
        lastPollEnded = System.nanoTime();
        sink.answer(status, body, binary);
    }

    private void cancelTimeout() {
        if (waitingTimeout != null) {
            waitingTimeout.cancel(false);
            waitingTimeout = null;
        }
    }

    @Override
    void released() {
        pending.release();
    }

    @Override
    public Kind kind() {
        return Kind.LONG_POLLING;
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public void write(ByteBuf records, boolean binary) {
        if (closed() || ending) {
            records.release();
            return;
        }
        this.binary = binary;
        pending.addComponent(true, records);
        if (waiting != null) {
            flush();
        }
    }

    @Override
    public boolean congested() {
        return pending.readableBytes() > maxPending;
    }

    @Override
    public void pauseInput() {
    }

    @Override
    public void resumeInput() {
    }

    /** The session's last words are written; the next poll takes them, then the connection is gone. */
    @Override
    public void end(short code, String reason) {
        ending = true;
        if (waiting != null || !pending.isReadable()) {
            if (waiting != null) {
                flush();
            } else {
                ended();
            }
        }
    }

    @Override
    public void cut() {
        stopSending();
        ended();
    }

    /** False once the client has not polled for the disconnect timeout. */
    @Override
    public boolean open() {
        return !closed() && (waiting != null || System.nanoTime() - lastPollEnded < disconnectTimeoutNanos);
    }
}
