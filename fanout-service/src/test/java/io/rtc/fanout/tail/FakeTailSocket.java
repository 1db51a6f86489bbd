package io.rtc.fanout.tail;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * A live-tail client's {@link ServerWebSocket} without a network, for a {@link TailClient} built as
 * {@link TailRoutes} builds one (minus the Netty channel, which only cuts a stalled TCP connection). It records
 * the frames and the close, and counts the bytes a client that stopped reading leaves in the send buffer, which
 * is all {@code writeQueueFull} means to TailClient. A real socket's buffer fills only once the kernel's socket
 * buffers did (megabytes on loopback, machine-dependent): that case is left to SubscriptionsTest against the
 * running service. Any other method of the socket fails, so a new use of it does not go unnoticed here.
 */
public final class FakeTailSocket implements InvocationHandler {

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final AtomicLong unread = new AtomicLong();
    private final ServerWebSocket socket = (ServerWebSocket) Proxy.newProxyInstance(
            ServerWebSocket.class.getClassLoader(), new Class<?>[] { ServerWebSocket.class }, this);
    private volatile int maxQueue = Integer.MAX_VALUE;
    private volatile boolean reading = true;
    private volatile Short closeCode;
    private volatile String closeReason;

    private FakeTailSocket() {
    }

    /** A client connected to the hub, reading. */
    public static FakeTailSocket connect(TailHub hub) {
        FakeTailSocket fake = new FakeTailSocket();
        new TailClient(fake.socket, null, hub, null).start();
        return fake;
    }

    /** From now on what is sent stays in the send buffer. */
    public void stopReading() {
        reading = false;
    }

    /** The ids of the frames received, in order. */
    public List<String> ids() {
        return frames.stream().map(frame -> new JsonObject(frame).getString("id")).toList();
    }

    /** The close code sent to this client, or null while open. */
    public Short closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "setWriteQueueMaxSize":
                maxQueue = (Integer) args[0];
                return socket;
            case "frameHandler", "exceptionHandler", "closeHandler":
                return socket;
            case "isClosed":
                return closeCode != null;
            case "writeQueueFull":
                return unread.get() >= maxQueue;
            case "writeTextMessage":
                if (args.length == 1) {
                    return write((String) args[0]);
                }
                break;
            case "close":
                if (args != null && args.length == 2 && args[0] instanceof Short code && args[1] instanceof String reason) {
                    closeReason = reason;
                    closeCode = code;
                    return Future.succeededFuture();
                }
                break;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "FakeTailSocket" + frames.size();
            default:
                break;
        }
        throw new UnsupportedOperationException("FakeTailSocket does not do " + method);
    }

    private Future<Void> write(String frame) {
        if (closeCode != null) {
            throw new IllegalStateException("WebSocket is closed"); // as Vert.x does
        }
        frames.add(frame);
        if (!reading) {
            unread.addAndGet(frame.length());
        }
        return Future.succeededFuture();
    }
}
