package io.rtc.cli.signalr;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rtc.cli.json.JsonText;
import io.rtc.cli.ws.WsClients;
import io.rtc.common.signalr.Close;
import io.rtc.common.signalr.Completion;
import io.rtc.common.signalr.Handshake;
import io.rtc.common.signalr.HubMessage;
import io.rtc.common.signalr.HubProtocol;
import io.rtc.common.signalr.InvalidMessageException;
import io.rtc.common.signalr.Invocation;
import io.rtc.common.signalr.Ping;
import io.rtc.common.signalr.RecordReader;
import io.rtc.common.signalr.UnknownMessageTypeException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One connection to a SignalR hub, over any {@link HubTransport} and hub protocol: the handshake
 * (always JSON), invocations and their Completions, client methods called by the server, Ping and
 * Close. Single-threaded: it lives on the event loop it was opened from; call its methods only
 * there (callbacks run there too).
 */
public final class HubClient {

    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    public static final Duration SERVER_TIMEOUT = Duration.ofSeconds(30);
    /** The largest record accepted from the server, and the most a send may queue behind a POST. */
    static final int MAX_MESSAGE_BYTES = WsClients.MAX_MESSAGE_BYTES;

    private enum State { HANDSHAKE, OPEN, CLOSED }

    private final HubProtocol protocol;
    private final HubListener listener;
    private final HubKeepAlive keepAlive;
    private final RecordReader handshakeReader = Handshake.reader(MAX_MESSAGE_BYTES);
    private final RecordReader reader;
    private final PendingInvocations pending = new PendingInvocations();
    private final Promise<HubClient> handshake = Promise.promise();
    private HubTransport transport;
    private State state = State.HANDSHAKE;
    private boolean closeRequested;

    private HubClient(Vertx vertx, HubProtocol protocol, HubListener listener) {
        this.protocol = protocol;
        this.listener = listener;
        this.reader = protocol.reader(MAX_MESSAGE_BYTES);
        this.keepAlive = new HubKeepAlive(vertx, KEEP_ALIVE, SERVER_TIMEOUT, () -> write(Ping.INSTANCE),
                () -> fail("no message from the server for " + SERVER_TIMEOUT.toSeconds() + " s"));
    }

    /** Opens the transport and completes once the server accepted the handshake. */
    static Future<HubClient> open(Vertx vertx, HubProtocol protocol,
                                  Function<HubTransport.Receiver, Future<HubTransport>> transport,
                                  HubListener listener, Duration handshakeTimeout) {
        HubClient hub = new HubClient(vertx, protocol, listener);
        transport.apply(hub.new Incoming()).onComplete(opened -> {
            if (opened.failed()) {
                hub.state = State.CLOSED;
                hub.handshake.tryFail(opened.cause());
                return;
            }
            hub.transport = opened.result();
            hub.transport.send(Buffer.buffer(Handshake.request(protocol.name(), 1)));
            long timer = vertx.setTimer(Math.max(1, handshakeTimeout.toMillis()),
                    id -> hub.fail("no handshake answer within " + handshakeTimeout.toMillis() + " ms"));
            hub.handshake.future().onComplete(done -> vertx.cancelTimer(timer));
        });
        return hub.handshake.future();
    }

    /** Calls a hub method and completes with its result; fails with {@link HubException} on a hub error. */
    public Future<JsonNode> invoke(String target, Object... arguments) {
        if (state != State.OPEN) {
            return Future.failedFuture(new IllegalStateException("not connected"));
        }
        Promise<JsonNode> result = Promise.promise();
        String id = pending.add(result);
        write(new Invocation(Map.of(), id, target, JsonText.array(arguments), List.of()))
                .onFailure(t -> pending.unsent(id, t));
        return result.future();
    }

    /** Calls a hub method without asking for a Completion; completes once written. */
    public Future<Void> send(String target, Object... arguments) {
        if (state != State.OPEN) {
            return Future.failedFuture(new IllegalStateException("not connected"));
        }
        return write(new Invocation(Map.of(), null, target, JsonText.array(arguments), List.of()));
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** Ends the connection; invocations still waiting fail. {@link HubListener#closed} is not called. */
    public Future<Void> close() {
        closeRequested = true;
        finish("connection closed by the client");
        return transport == null ? Future.succeededFuture() : transport.stop();
    }

    /** The transport's side of the client: bytes in, and its end. */
    private final class Incoming implements HubTransport.Receiver {

        @Override
        public void received(ByteBuf bytes) {
            keepAlive.received();
            try {
                if (state == State.HANDSHAKE) {
                    handshakeReader.feed(bytes, HubClient.this::onHandshake);
                }
                // What followed the handshake answer in the same frame or chunk is already the protocol's.
                if (state == State.OPEN && bytes.isReadable()) {
                    reader.feed(bytes, HubClient.this::onRecord);
                }
            } catch (InvalidMessageException e) {
                fail("invalid message from the server: " + e.getMessage());
            }
        }

        @Override
        public void ended(String reason) {
            finish(reason);
        }
    }

    private void onHandshake(ByteBuf record) throws InvalidMessageException {
        String error = Handshake.parseResponse(record);
        if (error != null) {
            fail("handshake refused: " + error);
            return;
        }
        state = State.OPEN;
        keepAlive.start();
        handshake.tryComplete(this);
    }

    private void onRecord(ByteBuf record) throws InvalidMessageException {
        if (state != State.OPEN) {
            return;
        }
        HubMessage message;
        try {
            message = protocol.parse(record);
        } catch (UnknownMessageTypeException e) {
            return; // a type of a later protocol version: ignored, as the official clients do
        }
        // Java 17: no pattern matching in switch yet, hence the instanceof chain.
        if (message instanceof Invocation call) {
            if (call.invocationId() != null) {
                // A client result is wanted; like the official clients, answer that there is none.
                write(Completion.error(call.invocationId(), "Client didn't provide a result."));
            }
            listener.invoked(call.target(), call.arguments());
        } else if (message instanceof Completion completion) {
            pending.completed(completion);
        } else if (message instanceof Close close) {
            fail(close.error() == null ? "the server closed the connection"
                    : "the server closed the connection with an error: " + close.error());
        }
        // Ping: its arrival already reset the server timeout. Other types are not used by this client.
    }

    /** One record, written straight into the buffer the transport sends. */
    private Future<Void> write(HubMessage message) {
        keepAlive.sent();
        ByteBuf record = Unpooled.buffer(128);
        protocol.write(message, record);
        return transport.send(Buffer.buffer(record));
    }

    /** Ends the connection because of {@code reason} and stops the transport. */
    private void fail(String reason) {
        boolean open = state != State.CLOSED;
        finish(reason);
        if (open && transport != null) {
            transport.stop();
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
        pending.failAll(reason);
    }
}
