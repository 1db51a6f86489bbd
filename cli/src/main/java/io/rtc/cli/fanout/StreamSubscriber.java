package io.rtc.cli.fanout;

import io.rtc.cli.auth.AccessRefused;
import io.rtc.cli.auth.AccessToken;
import io.rtc.cli.ws.WsClients;
import io.rtc.cli.ws.WsEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The WebSocket of {@code rtc subscribe}, one connection at a time: Vert.x callbacks only enqueue
 * {@link Event}s, the console thread takes them in order (so the frames of a connection come before
 * its end). When the console falls behind by {@link #PAUSE_AT} frames the socket is paused, so
 * that a slow terminal slows the stream (and the server may close it with 1013) instead of filling memory.
 */
final class StreamSubscriber implements AutoCloseable {

    static final int PAUSE_AT = 10_000;
    static final int RESUME_AT = 1_000;
    private static final short NORMAL_CLOSURE = 1000;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);

    sealed interface Event permits Frame, Ended {
    }

    record Frame(String text) implements Event {
    }

    /** The connection ended: the server's close code and reason (code null: no close frame), or the error seen first. */
    record Ended(Short code, String reason, Throwable error) implements Event {
    }

    private final Vertx vertx;
    private final WebSocketClient client;
    private final WsEndpoint endpoint;
    private final Duration connectTimeout;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile ClientWebSocket current;
    private volatile boolean paused;
    private volatile boolean closing;

    private final String accessToken;

    StreamSubscriber(WsEndpoint endpoint, Duration connectTimeout) {
        this(endpoint, connectTimeout, null);
    }

    /** @param accessToken the JWT sent on each upgrade ({@code access_token=} and {@code Authorization}), or null */
    StreamSubscriber(WsEndpoint endpoint, Duration connectTimeout, String accessToken) {
        this.vertx = WsClients.reserveTimerIdZero(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1)));
        this.client = WsClients.create(vertx, connectTimeout, null);
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.accessToken = accessToken;
    }

    /**
     * Opens a new connection; the previous one must have ended.
     *
     * @throws AccessRefused when the server answered the upgrade with 401 or 403
     */
    void connect() throws Exception {
        ClientWebSocket ws = client.webSocket();
        AtomicBoolean ended = new AtomicBoolean();
        Throwable[] firstError = {null};
        // Handlers are set before connecting so that not even an immediate close can slip past.
        ws.textMessageHandler(text -> {
            if (!ended.get()) {
                frame(ws, text);
            }
        });
        ws.binaryMessageHandler(bytes -> {
            if (!ended.get()) {
                frame(ws, bytes.toString());
            }
        });
        ws.exceptionHandler(t -> {
            if (firstError[0] == null) {
                firstError[0] = t;
            }
            // Vert.x follows most errors with a close; make sure of it.
            closeQuietly(ws);
        });
        ws.closeHandler(v -> {
            if (!closing && !ended.getAndSet(true)) {
                events.add(new Ended(ws.closeStatusCode(), ws.closeReason(), firstError[0]));
            }
        });
        paused = false;
        current = ws;
        Future<WebSocket> connecting = ws.connect(AccessToken.addTo(endpoint.connectOptions(connectTimeout), accessToken));
        try {
            await(connecting, connectTimeout.plusSeconds(1));
        } catch (Exception e) {
            // A connect that completes after we gave up must not feed a second stream into the queue.
            ended.set(true);
            connecting.onSuccess(late -> late.close());
            AccessRefused refused = AccessRefused.ofUpgrade("WebSocket upgrade", e);
            throw refused != null ? refused : e;
        }
    }

    /** The next frame or end, waiting as long as it takes. */
    Event take() throws InterruptedException {
        Event event = events.take();
        if (paused && events.size() <= RESUME_AT) {
            paused = false;
            ClientWebSocket ws = current;
            if (ws != null) {
                ws.resume();
            }
        }
        return event;
    }

    boolean idle() {
        return events.isEmpty();
    }

    private void frame(ClientWebSocket ws, String text) {
        events.add(new Frame(text));
        if (!paused && events.size() >= PAUSE_AT) {
            paused = true;
            ws.pause();
        }
    }

    @Override
    public void close() {
        closing = true;
        ClientWebSocket ws = current;
        if (ws != null) {
            try {
                if (!ws.isClosed()) {
                    await(ws.close(NORMAL_CLOSURE), SHUTDOWN_WAIT);
                }
            } catch (Exception ignored) {
                // Never connected (IllegalStateException), or the process is ending either way and a
                // lost close frame only matters to the server.
            }
        }
        try {
            await(vertx.close(), SHUTDOWN_WAIT);
        } catch (Exception ignored) {
            // Event-loop threads are daemons: a slow shutdown cannot keep the process alive.
        }
    }

    private static void closeQuietly(ClientWebSocket ws) {
        try {
            if (!ws.isClosed()) {
                ws.close();
            }
        } catch (IllegalStateException notConnected) {
            // nothing to close
        }
    }

    private static <T> T await(Future<T> future, Duration timeout) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
