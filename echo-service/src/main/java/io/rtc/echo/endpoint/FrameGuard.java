package io.rtc.echo.endpoint;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.rtc.echo.metrics.EchoMetrics;

/**
 * Ends a connection on bad input with the close frame RFC 6455 asks for, where Vert.x would just cut TCP.
 * <ul>
 * <li>It counts the bytes of the message being assembled across fragments and closes with 1009 as soon as
 * it passes the limit, before Vert.x buffers it.</li>
 * <li>It turns the WebSocket decoder's failures (a frame over the limit, a stray continuation, an unknown
 * opcode) into a close frame with the code they carry (1009, 1002), instead of letting them reach Vert.x,
 * which closes the socket on any exception without a word.</li>
 * </ul>
 * One instance per connection.
 */
final class FrameGuard extends ChannelInboundHandlerAdapter {

    private final int limit;
    private final EchoMetrics metrics;
    private long messageBytes;
    private boolean closing;

    FrameGuard(int limit, EchoMetrics metrics) {
        this.limit = limit;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            messageBytes = frame.content().readableBytes();
        } else if (frame instanceof ContinuationWebSocketFrame) {
            messageBytes += frame.content().readableBytes();
        }
        if (messageBytes > limit) {
            ReferenceCountUtil.release(msg);
            close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "Message too big: the limit is " + limit + " bytes");
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            if (!closing) {
                String reason = corrupted.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG
                        ? "Message too big: the limit is " + limit + " bytes"
                        : Reasons.shorten(corrupted.getMessage());
                close(ctx, corrupted.closeStatus().code(), reason);
            }
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void close(ChannelHandlerContext ctx, int code, String reason) {
        closing = true;
        metrics.protocolError();
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }
}
