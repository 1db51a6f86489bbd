package io.rtc.chat.transport;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.rtc.common.net.NettyChannels;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Server-Sent Events, the server-to-client half (POSTs carry the other): one long response of
 * {@code text/event-stream}, each write one event of {@code data:} lines. Text only. JSON records
 * never hold a raw line break (JSON escapes them), so each record stays on its one {@code data:} line.
 * The channel's write-buffer watermark is the bound on what may wait for a slow reader.
 */
public final class SseTransport extends EndingTransport {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** A comment line first: the headers and this reach the client at once, so its EventSource opens. */
    private static final String OPENING = ":\r\n\r\n";

    private final HttpServerResponse response;
    private final Channel channel;

    public SseTransport(HttpServerResponse response, Channel channel, int maxSendBuffer) {
        this.response = response;
        this.channel = channel;
        channel.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(maxSendBuffer / 2, maxSendBuffer));
    }

    /** Sends the headers and the opening comment; the end of the response goes to {@code listener}. */
    public void start(TransportListener listener) {
        listen(listener);
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no"); // nginx: pass each event on, do not buffer the stream
        response.closeHandler(v -> ended());
        response.endHandler(v -> ended());
        response.write(OPENING);
    }

    @Override
    public Kind kind() {
        return Kind.SERVER_SENT_EVENTS;
    }

    @Override
    public EventLoop loop() {
        return channel.eventLoop();
    }

    @Override
    public void write(ByteBuf records, boolean binary) {
        if (closed()) {
            records.release();
            return;
        }
        // straight to the channel, as HTTP chunks after the headers Vert.x wrote: shared room bytes go without a copy
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(DATA), records,
                Unpooled.wrappedBuffer(END))), channel.voidPromise());
    }

    @Override
    public boolean congested() {
        // a connection already gone is not writable either, but it is not a slow client: its end is on its way
        return channel.isActive() && !channel.isWritable();
    }

    @Override
    public void pauseInput() {
        // input comes in POSTs, whose answers wait while the session is paused
    }

    @Override
    public void resumeInput() {
    }

    @Override
    public void end(short code, String reason) {
        if (!closed() && !response.ended()) {
            response.end();
        }
        ended();
        // a reader that stalled never takes the end either: cut it after a grace period
        channel.eventLoop().schedule(this::cut, 2, java.util.concurrent.TimeUnit.SECONDS);
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
