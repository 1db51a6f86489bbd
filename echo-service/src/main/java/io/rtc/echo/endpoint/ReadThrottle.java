package io.rtc.echo.endpoint;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.rtc.common.limits.TokenBucket;
import io.rtc.echo.metrics.EchoMetrics;

/**
 * Back-pressure on the connection's reads, for two reasons; reads resume only when neither holds.
 * <ul>
 * <li>A peer that sends faster than it reads: once the socket's outbound buffer passes its high water mark, the
 * connection stops reading until the buffer drains below the low mark, so replies never pile up without bound
 * and TCP slows the sender down. Every write to the peer passes here.</li>
 * <li>A peer that sends more than {@code echo.limits.frame-rate} frames a second (after a burst of
 * {@code frame-burst}): each frame takes a token from the connection's bucket; a frame that finds none is held
 * here, reads stop, and the held frames go on, in order, as tokens come back, then reads resume. Nothing is
 * dropped or answered out of order: the sender is slowed down by TCP. Close frames take no token (but wait
 * their turn), so a throttled peer can always leave.</li>
 * </ul>
 * Sits in front of both message paths ({@link EchoFrameHandler} and the WebSockets Next callbacks), after the
 * protocol guards. One instance per connection, used on its event loop only; the frame path costs one bucket
 * check per frame and allocates only while frames are held.
 */
final class ReadThrottle extends ChannelDuplexHandler {

    /** The soonest a throttled connection is looked at again: lets tokens gather so the wake-ups stay few. */
    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final TokenBucket bucket; // null: no frame-rate limit
    private final EchoMetrics metrics;
    private ArrayDeque<Object> held; // frames waiting for a token, oldest first
    private ScheduledFuture<?> wake;
    private boolean removed;

    ReadThrottle(double frameRate, int frameBurst, EchoMetrics metrics) {
        this.bucket = frameRate > 0 ? new TokenBucket(frameRate, frameBurst, System.nanoTime()) : null;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (bucket == null || !(msg instanceof WebSocketFrame)) { // HTTP objects pass before the handshake
            ctx.fireChannelRead(msg);
            return;
        }
        if (held != null && !held.isEmpty()) { // decoded from the same read, after a held frame: behind it
            held.add(msg);
            metrics.frameThrottled();
            return;
        }
        if (msg instanceof CloseWebSocketFrame || bucket.tryTake(System.nanoTime())) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (held == null) {
            held = new ArrayDeque<>();
        }
        held.add(msg);
        metrics.frameThrottled();
        ctx.channel().config().setAutoRead(false);
        scheduleWake(ctx);
    }

    /** Lets the held frames go on as far as the tokens reach; reads resume once none is left (and writes allow). */
    private void release(ChannelHandlerContext ctx) {
        wake = null;
        long now = System.nanoTime();
        boolean passed = false;
        while (!removed && !held.isEmpty()) {
            Object next = held.peek();
            if (!(next instanceof CloseWebSocketFrame) && !bucket.tryTake(now)) {
                break;
            }
            held.poll();
            passed = true;
            ctx.fireChannelRead(next);
        }
        if (removed) {
            return;
        }
        if (passed) {
            ctx.fireChannelReadComplete(); // the message paths flush once per read
        }
        if (!held.isEmpty()) {
            scheduleWake(ctx);
        } else if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void scheduleWake(ChannelHandlerContext ctx) {
        long wait = Math.max(MIN_WAIT_NANOS, bucket.nanosUntilToken(System.nanoTime()));
        wake = ctx.executor().schedule(() -> release(ctx), wait, TimeUnit.NANOSECONDS);
    }

    private boolean throttled() {
        return held != null && !held.isEmpty();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && !ctx.channel().config().isAutoRead() && !throttled()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discard(); // the peer is gone: what it sent last has no one to answer
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discard();
    }

    private void discard() {
        removed = true;
        if (wake != null) {
            wake.cancel(false);
            wake = null;
        }
        if (held != null) {
            for (Object frame : held) {
                ReferenceCountUtil.release(frame);
            }
            held.clear();
        }
    }
}
