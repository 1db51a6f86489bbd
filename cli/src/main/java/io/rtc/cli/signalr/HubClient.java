package io.rtc.cli.signalr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.rtc.cli.ws.WsClose;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection to a SignalR hub over WebSocket with the JSON protocol: handshake, invocations
 * and their Completions, client methods called by the server, Ping and Close. Single-threaded: it
 * lives on the event loop it was opened from; call its methods only there (callbacks run there too).
 */
public final class HubClient {

    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    public static final Duration SERVER_TIMEOUT = Duration.ofSeconds(30);
    private static final short NORMAL_CLOSURE = 1000;

    private enum State { HANDSHAKE, OPEN, CLOSED }

    private final ClientWebSocket ws;
    private final HubListener listener;
    private final HubKeepAlive keepAlive;
    private final RecordBuffer records = new RecordBuffer();
    private final Map<String, Promise<JsonNode>> pending = new HashMap<>();
    private final Promise<HubClient> handshake = Promise.promise();
    private State state = State.HANDSHAKE;
    private boolean closeRequested;
    private long lastInvocationId;

    private HubClient(Vertx vertx, ClientWebSocket ws, HubListener listener) {
        this.ws = ws;
        this.listener = listener;
        this.keepAlive = new HubKeepAlive(vertx, KEEP_ALIVE, SERVER_TIMEOUT, () -> write(HubCodec.PING),
                () -> fail("no message from the server for " + SERVER_TIMEOUT.toSeconds() + " s"));
    }

    /** Opens the WebSocket and completes once the server accepted the handshake. */
    static Future<HubClient> open(Vertx vertx, WebSocketClient client, WebSocketConnectOptions options,
                                  HubListener listener, Duration handshakeTimeout) {
        HubClient hub = new HubClient(vertx, client.webSocket(), listener);
        return hub.start(vertx, options, handshakeTimeout);
    }

    /** Calls a hub method and completes with its result; fails with {@link HubException} on a hub error. */
    public Future<JsonNode> invoke(String target, Object... arguments) {
        if (state != State.OPEN) {
            return Future.failedFuture(new IllegalStateException("not connected"));
        }
        String id = Long.toString(++lastInvocationId);
        Promise<JsonNode> promise = Promise.promise();
        pending.put(id, promise);
        write(HubCodec.invocation(id, target, arguments)).onFailure(t -> {
            Promise<JsonNode> unanswered = pending.remove(id);
            if (unanswered != null) {
                unanswered.tryFail(t);
            }
        });
        return promise.future();
    }

    /** Calls a hub method without asking for a Completion; completes once written. */
    public Future<Void> send(String target, Object... arguments) {
        if (state != State.OPEN) {
            return Future.failedFuture(new IllegalStateException("not connected"));
        }
        return write(HubCodec.invocation(null, target, arguments));
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** Closes with 1000; invocations still waiting fail. {@link HubListener#closed} is not called. */
    public Future<Void> close() {
        closeRequested = true;
        finish("connection closed by the client");
        return ws.isClosed() ? Future.succeededFuture() : ws.close(NORMAL_CLOSURE);
    }

    private Future<HubClient> start(Vertx vertx, WebSocketConnectOptions options, Duration handshakeTimeout) {
        // Handlers first: the server may answer the handshake in the same packet as the upgrade.
        ws.textMessageHandler(this::onText);
        ws.exceptionHandler(t -> fail("connection failed: " + WsClose.describe(t)));
        ws.closeHandler(v -> finish(WsClose.describe(ws)));
        ws.connect(options).onComplete(connected -> {
            if (connected.failed()) {
                state = State.CLOSED;
                handshake.tryFail(connected.cause());
                return;
            }
            write(HubCodec.HANDSHAKE_REQUEST);
            long timer = vertx.setTimer(Math.max(1, handshakeTimeout.toMillis()),
                    id -> fail("no handshake answer within " + handshakeTimeout.toMillis() + " ms"));
            handshake.future().onComplete(done -> vertx.cancelTimer(timer));
        });
        return handshake.future();
    }

    private void onText(String text) {
        keepAlive.received();
        for (String record : records.append(text)) {
            if (state == State.CLOSED) {
                return;
            }
            try {
                if (state == State.HANDSHAKE) {
                    onHandshake(record);
                } else {
                    onMessage(HubCodec.parse(record));
                }
            } catch (IllegalArgumentException e) {
                fail("invalid message from the server: " + e.getMessage());
            }
        }
    }

    private void onHandshake(String record) {
        String error = HubCodec.handshakeError(record);
        if (error != null) {
            fail("handshake refused: " + error);
            return;
        }
        state = State.OPEN;
        keepAlive.start();
        handshake.tryComplete(this);
    }

    private void onMessage(HubMessage message) {
        // Java 17: no pattern matching in switch yet, hence the instanceof chain.
        if (message instanceof HubMessage.Invocation call) {
            if (call.invocationId() != null) {
                // A client result is wanted; like the official clients, answer that there is none.
                write(HubCodec.completionError(call.invocationId(), "Client didn't provide a result."));
            }
            listener.invoked(call.target(), call.arguments());
        } else if (message instanceof HubMessage.Completion completion) {
            Promise<JsonNode> promise = pending.remove(completion.invocationId());
            if (promise != null && completion.error() != null) {
                promise.tryFail(new HubException(completion.error()));
            } else if (promise != null) {
                promise.tryComplete(completion.result() == null ? NullNode.getInstance() : completion.result());
            }
        } else if (message instanceof HubMessage.Close close) {
            fail(close.error() == null ? "the server closed the connection"
                    : "the server closed the connection with an error: " + close.error());
        }
        // Ping: its arrival already reset the server timeout. Other types are not used by this client.
    }

    private Future<Void> write(String record) {
        keepAlive.sent();
        return ws.writeTextMessage(record);
    }

    /** Ends the connection because of {@code reason} and closes the socket. */
    private void fail(String reason) {
        finish(reason);
        if (!ws.isClosed()) {
            ws.close();
        }
    }

    private void finish(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasOpen = state == State.OPEN;
        state = State.CLOSED;
        keepAlive.stop();
        if (!wasOpen) {
            handshake.tryFail(new HubException(reason));
        } else if (!closeRequested) {
            // Before failing what is pending: whoever waits on those learns why from this first.
            listener.closed(reason);
        }
        List<Promise<JsonNode>> unanswered = new ArrayList<>(pending.values());
        pending.clear();
        unanswered.forEach(p -> p.tryFail(new IllegalStateException(reason)));
    }
}
