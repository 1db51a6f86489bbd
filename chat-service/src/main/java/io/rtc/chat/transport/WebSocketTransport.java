package io.rtc.chat.transport;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.rtc.common.net.NettyChannels;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;

/**
 * The full-duplex transport. Records are written straight to the Netty channel as text or binary
 * frames (shared room bytes included, without a copy); Vert.x still reads the frames and answers pings
 * and closes. The channel's write-buffer watermark is the bound on what may wait for a slow client.
 */
public final class WebSocketTransport extends EndingTransport {

    private static final int CLOSE_GRACE_SECONDS = 2;

    private final ServerWebSocket ws;
    private final Channel channel;

    public WebSocketTransport(ServerWebSocket ws, Channel channel, int maxSendBuffer) {
        this.ws = ws;
        this.channel = channel;
        ws.setWriteQueueMaxSize(maxSendBuffer);
    }

    /** Starts reading; every frame's payload and the end of the connection go to {@code listener}. */
    public void start(TransportListener listener) {
        listen(listener);
        ws.frameHandler(this::onFrame);
        ws.exceptionHandler(e -> {
        });
        ws.closeHandler(v -> ended());
        // Vert.x skips its close handler when the server started the close and then cut the TCP
        // connection (a client that never answered); the channel's own close always comes
        channel.closeFuture().addListener(done -> channel.eventLoop().execute(this::ended));
    }

    private void onFrame(WebSocketFrame frame) {
        if (!closed() && (frame.isText() || frame.isBinary() || frame.isContinuation())) {
            listener().received(frame.binaryData().getByteBuf());
        }
    }

    @Override
    public Kind kind() {
        return Kind.WEB_SOCKETS;
    }

    @Override
    public EventLoop loop() {
        return channel.eventLoop();
    }

    @Override
    public void write(ByteBuf records, boolean binary) {
        if (!channel.isActive()) {
            records.release();
            return;
        }
        channel.writeAndFlush(binary ? new BinaryWebSocketFrame(records) : new TextWebSocketFrame(records), channel.voidPromise());
    }

    @Override
    public boolean congested() {
        // a connection already gone is not writable either, but it is not a slow client: its end is on its way
        return channel.isActive() && !channel.isWritable();
    }

    @Override
    public void pauseInput() {
        ws.pause();
    }

    @Override
    public void resumeInput() {
        ws.resume();
    }

    @Override
    public void end(short code, String reason) {
        if (!ws.isClosed()) {
            ws.close(code, reason);
        }
        // a client that does not read never answers the close either: cut it after a grace period
        channel.eventLoop().schedule(this::cut, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void cut() {
        NettyChannels.cut(channel);
    }

    @Override
    public boolean open() {
        return !closed();
    }
}
