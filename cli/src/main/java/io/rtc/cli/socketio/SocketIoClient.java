package io.rtc.cli.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.rtc.cli.json.JsonText;
import io.rtc.cli.ws.WsClose;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Socket.IO v5 connection to the main namespace over an Engine.IO v4 WebSocket: open packet,
 * namespace connect, events with and without acks, the server's heartbeat. Single-threaded: use it
 * only on the event loop it was opened from, where its callbacks run too.
 */
public final class SocketIoClient {

    private static final short NORMAL_CLOSURE = 1000;

    private enum State { OPENING, CONNECTING, OPEN, CLOSED }

    private final Vertx vertx;
    private final ClientWebSocket ws;
    private final SocketIoListener listener;
    private final Map<Long, Promise<JsonNode>> pendingAcks = new HashMap<>();
    private final Promise<SocketIoClient> connected = Promise.promise();
    private State state = State.OPENING;
    private boolean closeRequested;
    private long nextAckId;
    private long heartbeatNanos;
    private long lastReceived;
    private long heartbeatTimer = -1;

    private SocketIoClient(Vertx vertx, ClientWebSocket ws, SocketIoListener listener) {
        this.vertx = vertx;
        this.ws = ws;
        this.listener = listener;
    }

    /** Completes once the server accepted the namespace connect ({@code 40{"sid":...}}). */
    public static Future<SocketIoClient> connect(Vertx vertx, WebSocketClient client, SocketIoUrl url,
                                                 SocketIoListener listener, Duration timeout) {
        SocketIoClient socket = new SocketIoClient(vertx, client.webSocket(), listener);
        return socket.start(url, timeout);
    }

    /** Emits and completes with the server's acknowledgement arguments (a JSON array). */
    public Future<JsonNode> emitWithAck(String event, Object... arguments) {
        if (state != State.OPEN) {
            return Future.failedFuture(new IllegalStateException("not connected"));
        }
        long id = nextAckId++;
        Promise<JsonNode> promise = Promise.promise();
        pendingAcks.put(id, promise);
        ws.writeTextMessage(EngineIo.event(id, event, arguments)).onFailure(t -> {
            Promise<JsonNode> unanswered = pendingAcks.remove(id);
            if (unanswered != null) {
                unanswered.tryFail(t);
            }
        });
        return promise.future();
    }

    public Future<Void> emit(String event, Object... arguments) {
        if (state != State.OPEN) {
            return Future.failedFuture(new IllegalStateException("not connected"));
        }
        return ws.writeTextMessage(EngineIo.event(-1, event, arguments));
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** Leaves the namespace ({@code 41}) and closes with 1000; {@link SocketIoListener#closed} is not called. */
    public Future<Void> close() {
        closeRequested = true;
        if (state == State.OPEN) {
            ws.writeTextMessage(EngineIo.DISCONNECT_FRAME);
        }
        finish("connection closed by the client");
        return ws.isClosed() ? Future.succeededFuture() : ws.close(NORMAL_CLOSURE);
    }

    private Future<SocketIoClient> start(SocketIoUrl url, Duration timeout) {
        // Handlers first: the server sends its open packet right after the upgrade.
        ws.textMessageHandler(this::onFrame);
        ws.exceptionHandler(t -> fail("connection failed: " + WsClose.describe(t)));
        ws.closeHandler(v -> finish(WsClose.describe(ws)));
        ws.connect(url.webSocket(timeout)).onComplete(upgraded -> {
            if (upgraded.failed()) {
                state = State.CLOSED;
                connected.tryFail(upgraded.cause());
                return;
            }
            long timer = vertx.setTimer(Math.max(1, timeout.toMillis()),
                    id -> fail("no Socket.IO connect answer within " + timeout.toMillis() + " ms"));
            connected.future().onComplete(done -> vertx.cancelTimer(timer));
        });
        return connected.future();
    }

    private void onFrame(String frame) {
        lastReceived = System.nanoTime();
        if (frame.isEmpty() || state == State.CLOSED) {
            return;
        }
        try {
            switch (frame.charAt(0)) {
                case EngineIo.OPEN -> onOpen(JsonText.parse(frame.substring(1)));
                case EngineIo.PING -> ws.writeTextMessage(EngineIo.PONG_FRAME);
                case EngineIo.CLOSE -> fail("the server closed the Engine.IO session");
                case EngineIo.MESSAGE -> onPacket(SocketIoPacket.parse(frame.substring(1)));
                default -> { } // pong, noop, upgrade: nothing to do on a WebSocket-only session
            }
        } catch (IllegalArgumentException e) {
            fail("invalid packet from the server: " + e.getMessage());
        }
    }

    private void onOpen(JsonNode handshake) {
        // The server pings every pingInterval and allows pingTimeout for our pong; the official
        // client gives up when no ping came for their sum, and so do we.
        heartbeatNanos = Duration.ofMillis(handshake.path("pingInterval").asLong(25_000)
                + handshake.path("pingTimeout").asLong(20_000)).toNanos();
        heartbeatTimer = vertx.setTimer(heartbeatNanos / 1_000_000, id -> checkHeartbeat());
        state = State.CONNECTING;
        ws.writeTextMessage(EngineIo.CONNECT_FRAME);
    }

    private void onPacket(SocketIoPacket packet) {
        if (!packet.namespace().equals("/")) {
            return;
        }
        switch (packet.type()) {
            case SocketIoPacket.CONNECT -> {
                state = State.OPEN;
                connected.tryComplete(this);
            }
            case SocketIoPacket.CONNECT_ERROR -> fail("connect refused: "
                    + (packet.data() == null ? "no reason" : packet.data().path("message").asText(packet.data().toString())));
            case SocketIoPacket.DISCONNECT -> fail("the server disconnected the socket");
            case SocketIoPacket.EVENT -> onEvent(packet);
            case SocketIoPacket.ACK -> {
                Promise<JsonNode> promise = pendingAcks.remove(packet.ackId());
                if (promise != null) {
                    promise.tryComplete(packet.data() == null ? JsonNodeFactory.instance.arrayNode() : packet.data());
                }
            }
            default -> { } // binary packets: never requested by this client
        }
    }

    private void onEvent(SocketIoPacket packet) {
        JsonNode data = packet.data();
        if (data == null || !data.isArray() || data.isEmpty()) {
            throw new IllegalArgumentException("event without a name");
        }
        if (packet.ackId() >= 0) {
            ws.writeTextMessage(EngineIo.ack(packet.ackId()));
        }
        List<JsonNode> arguments = new ArrayList<>(data.size() - 1);
        for (int i = 1; i < data.size(); i++) {
            arguments.add(data.get(i));
        }
        listener.event(data.get(0).asText(), arguments);
    }

    private void checkHeartbeat() {
        long silent = System.nanoTime() - lastReceived;
        if (silent >= heartbeatNanos) {
            fail("ping timeout: nothing from the server for " + heartbeatNanos / 1_000_000 + " ms");
        } else if (state != State.CLOSED) {
            heartbeatTimer = vertx.setTimer(Math.max(1, (heartbeatNanos - silent) / 1_000_000), id -> checkHeartbeat());
        }
    }

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
        vertx.cancelTimer(heartbeatTimer);
        if (!wasOpen) {
            connected.tryFail(new IllegalStateException(reason));
        } else if (!closeRequested) {
            // Before failing what is pending: whoever waits on those learns why from this first.
            listener.closed(reason);
        }
        List<Promise<JsonNode>> unanswered = new ArrayList<>(pendingAcks.values());
        pendingAcks.clear();
        unanswered.forEach(p -> p.tryFail(new IllegalStateException(reason)));
    }
}
