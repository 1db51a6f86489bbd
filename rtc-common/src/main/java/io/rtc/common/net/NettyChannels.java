package io.rtc.common.net;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The only door to Vert.x internals in the services. They need four things Vert.x 4 keeps
 * internal: a connection's Netty channel (to write shared frames without Vert.x's per-write work,
 * and to see when the TCP connection is really gone), a context's event loop (to hand work for many
 * connections to each loop once), a cut that does not wait for a stalled client to read what is
 * queued, and the name of Vert.x's own handler in the pipeline (to put guards before it).
 * {@code NettyChannelsTest} fails loudly when an upgrade moves any of them.
 */
public final class NettyChannels {

    /** The pipeline name of the handler through which Vert.x reads a connection. */
    static final String VERTX_HANDLER = "handler";

    private NettyChannels() {
    }

    /** The Netty channel under an HTTP connection (or the WebSocket it was upgraded to). */
    public static Channel of(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            return base.channel();
        }
        throw new IllegalStateException("Vert.x no longer exposes the Netty channel of " + connection.getClass().getName()
                + ": io.rtc.common.net.NettyChannels needs updating for this Vert.x version");
    }

    /** The Netty event loop of a Vert.x event-loop context. */
    public static EventLoop eventLoop(Context context) {
        if (context instanceof ContextInternal internal) {
            return internal.nettyEventLoop();
        }
        throw new IllegalStateException("Vert.x context " + context.getClass().getName() + " has no Netty event loop");
    }

    /**
     * Puts {@code guard} in the pipeline just before Vert.x's handler, so it sees what Vert.x would read
     * first; false (nothing added) when the pipeline has no Vert.x handler or a guard of that name already.
     */
    public static boolean addBeforeVertx(Channel channel, String name, io.netty.channel.ChannelHandler guard) {
        io.netty.channel.ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(VERTX_HANDLER) == null || pipeline.get(name) != null) {
            return false;
        }
        pipeline.addBefore(VERTX_HANDLER, name, guard);
        return true;
    }

    /**
     * Closes the TCP connection now: through the pipeline's first handler, because a close through Vert.x
     * (or the channel's tail) waits until everything queued was written, which a client that does not read
     * never lets happen.
     */
    public static void cut(Channel channel) {
        if (channel.isActive()) {
            channel.pipeline().firstContext().close();
        }
    }
}
