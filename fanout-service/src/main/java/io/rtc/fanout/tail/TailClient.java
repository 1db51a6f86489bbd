package io.rtc.fanout.tail;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import io.rtc.common.net.NettyChannels;
import io.vertx.core.http.ServerWebSocket;

/**
 * One live-tail WebSocket. Frames go out through Vert.x's write queue, bounded by
 * {@code fanout.tail.max-send-buffer}: a client that lets it fill is closed with 1013 (try again
 * later) and, since a client that does not read never answers the close, its TCP connection is cut
 * after a grace period.
 */
final class TailClient {

    private final ServerWebSocket ws;
    /** The Netty channel (a Vert.x internal), to cut a stalled connection; null if not exposed. */
    private final Channel channel;
    private final TailHub hub;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Run once when the connection is gone (the per-address count); null for none. */
    private final Runnable onGone;
    private final AtomicBoolean gone = new AtomicBoolean();

    TailClient(ServerWebSocket ws, Channel channel, TailHub hub, Runnable onGone) {
        this.ws = ws;
        this.channel = channel;
        this.hub = hub;
        this.onGone = onGone;
    }

    void start() {
        ws.setWriteQueueMaxSize(hub.config().maxSendBuffer());
        // the tail is one way: what a client sends is read and ignored, so it cannot fill a buffer
        ws.frameHandler(frame -> {
        });
        ws.exceptionHandler(e -> {
        });
        ws.closeHandler(v -> gone());
        if (channel != null) {
            // Vert.x skips the close handler when the server closed first and then cut the connection
            channel.closeFuture().addListener(done -> gone());
        }
        hub.add(this);
    }

    private void gone() {
        hub.remove(this);
        if (onGone != null && gone.compareAndSet(false, true)) {
            onGone.run();
        }
    }

    /** Queues a frame; false when the client is closing or was just found too slow. */
    boolean send(String frame) {
        if (closing.get() || ws.isClosed()) {
            return false; // closed by us, or by the client since the hub last looked
        }
        if (ws.writeQueueFull()) {
            hub.metrics().tailDroppedSlow();
            close((short) 1013, "Client too slow: send buffer full");
            return false;
        }
        try {
            ws.writeTextMessage(frame);
        } catch (IllegalStateException closedMeanwhile) {
            return false; // the client's own event loop closed it since the check above
        }
        return true;
    }

    void close(short code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        hub.remove(this);
        ws.close(code, reason);
        if (channel != null) {
            channel.eventLoop().schedule(this::cut, hub.config().closeGrace().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Closes TCP through the pipeline's first handler: Vert.x's own close waits for a flush that never comes. */
    private void cut() {
        NettyChannels.cut(channel);
    }
}
