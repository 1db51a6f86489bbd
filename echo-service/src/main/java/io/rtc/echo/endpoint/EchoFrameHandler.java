package io.rtc.echo.endpoint;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.rtc.echo.metrics.EchoMetrics;

/**
 * The echo itself, answered where the frames are decoded. Text and binary messages never become Strings
 * or Vert.x buffers: the reply is the prefix and the received bytes, composed without a copy, written in
 * the same read and flushed once per read. Control frames go on to Vert.x and the endpoint (pongs feed
 * {@link PeerLiveness}, a close is answered by Vert.x).
 * <p>
 * Why not {@code @OnTextMessage}: WebSockets Next dispatches each message as a task on a new duplicated
 * context and sends the reply through a {@code Uni} with context capture, several times the cost of the
 * echo itself (see BENCHMARKS.md). Set {@code echo.fast-path=false} to run the endpoint's callbacks instead.
 * <p>
 * {@link ReadThrottle}, in front of it, keeps slow readers and fast senders ({@code echo.limits.frame-rate}) in check
 * on both paths.
 * <p>
 * Sits after {@link FrameGuard} and the UTF-8 validator: what arrives here is whole, valid and within limits.
 */
final class EchoFrameHandler extends ChannelDuplexHandler {

    private static final ByteBuf PREFIX = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(EchoEndpoint.REPLY_PREFIX.getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private final EchoMetrics metrics;
    private CompositeByteBuf fragments;
    private boolean fragmentsAreText;
    private boolean closeSent;
    private boolean wrote;

    EchoFrameHandler(EchoMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        try {
            if (closeSent) {
                return; // no data after our close frame
            }
            if (!(frame instanceof ContinuationWebSocketFrame)) {
                fragmentsAreText = frame instanceof TextWebSocketFrame;
                if (frame.isFinalFragment()) {
                    reply(ctx, fragmentsAreText, frame.content().retain());
                    return;
                }
                fragments = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            }
            if (fragments != null) { // the decoder refuses a continuation without a start
                fragments.addComponent(true, frame.content().retain());
                if (frame.isFinalFragment()) {
                    CompositeByteBuf message = fragments;
                    fragments = null;
                    reply(ctx, fragmentsAreText, message);
                }
            }
        } finally {
            frame.release();
        }
    }

    private void reply(ChannelHandlerContext ctx, boolean text, ByteBuf payload) {
        int bytes = payload.readableBytes();
        if (text) {
            metrics.text(bytes, bytes + PREFIX.readableBytes());
            ByteBuf reply = ctx.alloc().compositeBuffer(2)
                    .addComponent(true, PREFIX.duplicate())
                    .addComponent(true, payload);
            ctx.write(new TextWebSocketFrame(reply), ctx.voidPromise());
        } else {
            metrics.binary(bytes);
            ctx.write(new BinaryWebSocketFrame(payload), ctx.voidPromise());
        }
        wrote = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (wrote) {
            wrote = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame) {
            closeSent = true;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }
}
