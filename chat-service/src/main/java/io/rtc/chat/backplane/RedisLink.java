package io.rtc.chat.backplane;

import java.time.Duration;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * One long-lived Redis connection that comes back by itself: when Redis goes away the link retries
 * with a doubling delay (bounded), and on every new connection runs the owner's setup again (for a
 * subscriber: subscribe to every room again, which Redis forgets on restart). Commands are
 * pipelined on the one connection, so they keep their order.
 */
public final class RedisLink {

    private static final Logger LOG = Logger.getLogger(RedisLink.class);

    private final String name;
    private final Redis client;
    private final Context context;
    private final long minDelayMs;
    private final long maxDelayMs;
    private Handler<Response> pushHandler = push -> {
    };
    private Consumer<RedisConnection> onConnect = connection -> {
    };
    private volatile RedisConnection connection;
    private long delayMs;
    private volatile boolean closed;
    private boolean everConnected;

    public RedisLink(String name, Vertx vertx, Redis client, Duration minDelay, Duration maxDelay) {
        this.name = name;
        this.client = client;
        this.context = vertx.getOrCreateContext();
        this.minDelayMs = Math.max(1, minDelay.toMillis());
        this.maxDelayMs = Math.max(minDelayMs, maxDelay.toMillis());
        this.delayMs = minDelayMs;
    }

    /** Messages Redis pushes on its own (pub/sub). Called on {@link #context()}. */
    public RedisLink onPush(Handler<Response> handler) {
        this.pushHandler = handler;
        return this;
    }

    /** Runs on {@link #context()} after each successful (re)connection. */
    public RedisLink onConnect(Consumer<RedisConnection> setup) {
        this.onConnect = setup;
        return this;
    }

    public void start() {
        context.runOnContext(v -> connect());
    }

    /** The event loop that owns this link: its callbacks run there. */
    public Context context() {
        return context;
    }

    public boolean up() {
        return connection != null;
    }

    public Future<Response> send(Request request) {
        RedisConnection current = connection;
        if (current == null) {
            return Future.failedFuture(new IllegalStateException("Redis is unreachable (" + name + ")"));
        }
        return current.send(request);
    }

    public void close() {
        closed = true;
        RedisConnection current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        client.connect().onComplete(result -> {
            if (result.failed()) {
                retry(result.cause());
                return;
            }
            RedisConnection opened = result.result();
            opened.handler(pushHandler);
            opened.exceptionHandler(e -> lost(opened, e));
            opened.endHandler(v -> lost(opened, null));
            delayMs = minDelayMs;
            connection = opened;
            if (everConnected) {
                LOG.infof("Redis link '%s' is back", name);
            }
            everConnected = true;
            onConnect.accept(opened);
        });
    }

    private void lost(RedisConnection lostConnection, Throwable cause) {
        if (connection != lostConnection) {
            return;
        }
        connection = null;
        lostConnection.close();
        if (!closed) {
            LOG.warnf("Redis link '%s' lost (%s); reconnecting", name, cause == null ? "connection closed" : cause.getMessage());
            context.runOnContext(v -> connect());
        }
    }

    private void retry(Throwable cause) {
        if (closed) {
            return;
        }
        LOG.debugf("Redis link '%s': connect failed (%s), next try in %d ms", name, cause.getMessage(), delayMs);
        context.owner().setTimer(delayMs, id -> context.runOnContext(v -> connect()));
        delayMs = Math.min(delayMs * 2, maxDelayMs);
    }
}
