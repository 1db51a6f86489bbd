package io.rtc.cli.echo;

import io.rtc.cli.ExitCodes;
import io.rtc.cli.ws.WsClients;
import io.rtc.cli.ws.WsEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientWebSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking request/reply view of one WebSocket connection, for a console that sends one line
 * and waits for its answer. Vert.x callbacks only enqueue events; the caller's thread consumes them.
 */
final class EchoSession implements AutoCloseable {

    private static final short NORMAL_CLOSURE = 1000;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final ClientWebSocket ws;
    private final BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
    private volatile boolean closing;

    private EchoSession(Vertx vertx, ClientWebSocket ws) {
        this.vertx = vertx;
        this.ws = ws;
    }

    static EchoSession open(WsEndpoint endpoint, Duration connectTimeout) throws EchoFailure {
        // One event loop is plenty for a single interactive connection.
        Vertx vertx = WsClients.reserveTimerIdZero(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1)));
        ClientWebSocket ws = WsClients.create(vertx, connectTimeout, null).webSocket();
        EchoSession session = new EchoSession(vertx, ws);
        // Handlers are set before connecting so that not even an immediate close can slip past.
        ws.textMessageHandler(text -> session.events.add(new ServerEvent.Reply(text)));
        ws.binaryMessageHandler(bytes -> session.events.add(new ServerEvent.Reply(bytes.toString())));
        ws.exceptionHandler(t -> session.onEvent(new ServerEvent.Failed(t)));
        ws.closeHandler(v -> session.onEvent(new ServerEvent.Closed(ws.closeStatusCode(), ws.closeReason())));
        try {
            await(ws.connect(endpoint.connectOptions(connectTimeout)), connectTimeout.plusSeconds(1));
            return session;
        } catch (Exception e) {
            session.shutdownVertx();
            throw new EchoFailure(ExitCodes.FAILURE, "Cannot connect to " + endpoint + ": " + describe(e));
        }
    }

    /** Sends {@code message} and waits for the next message from the server. */
    String exchange(String message, Duration timeout) throws EchoFailure, InterruptedException {
        failIfBroken();
        ws.writeTextMessage(message).onFailure(t -> onEvent(new ServerEvent.Failed(t)));
        ServerEvent event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new EchoFailure(ExitCodes.TIMEOUT, String.format(Locale.ROOT,
                    "No reply from the server within %.1f s", timeout.toMillis() / 1000.0));
        }
        if (event instanceof ServerEvent.Reply reply) {
            return reply.text();
        }
        throw lost(event);
    }

    /** Reports a close or error that arrived while nothing was waiting for a reply. */
    void failIfBroken() throws EchoFailure {
        for (ServerEvent event : events) {
            if (!(event instanceof ServerEvent.Reply)) {
                throw lost(event);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        if (!ws.isClosed()) {
            try {
                await(ws.close(NORMAL_CLOSURE), SHUTDOWN_WAIT);
            } catch (Exception ignored) {
                // The process is ending either way; a lost close frame only matters to the server.
            }
        }
        shutdownVertx();
    }

    private void onEvent(ServerEvent event) {
        if (!closing) {
            events.add(event);
        }
    }

    private void shutdownVertx() {
        try {
            await(vertx.close(), SHUTDOWN_WAIT);
        } catch (Exception ignored) {
            // Event-loop threads are daemons: a slow shutdown cannot keep the process alive.
        }
    }

    private EchoFailure lost(ServerEvent event) {
        // Vert.x reports a dropped connection as an exception and then a close: describe the close
        // whichever arrives first, so the user sees the server's code and reason when there is one.
        ServerEvent.Closed closed = event instanceof ServerEvent.Closed c ? c
                : ws.isClosed() ? new ServerEvent.Closed(ws.closeStatusCode(), ws.closeReason()) : null;
        if (closed == null) {
            Throwable cause = ((ServerEvent.Failed) event).cause();
            return new EchoFailure(ExitCodes.CONNECTION_LOST, "Connection failed: " + describe(cause));
        }
        if (closed.code() == null) {
            return new EchoFailure(ExitCodes.CONNECTION_LOST, "Connection lost: closed without a close frame");
        }
        String reason = closed.reason() == null || closed.reason().isEmpty() ? "" : ", reason: " + closed.reason();
        return new EchoFailure(ExitCodes.CONNECTION_LOST,
                "Connection closed by the server (code " + closed.code() + reason + ")");
    }

    private static <T> T await(Future<T> future, Duration timeout) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static String describe(Throwable t) {
        if (t instanceof TimeoutException) {
            return "timed out";
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
