package io.rtc.chat.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.rtc.chat.hub.HubInvoker;
import io.rtc.chat.hub.HubMember;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.chat.protocol.SharedFrame;
import io.rtc.chat.transport.Transport;
import io.rtc.chat.transport.TransportListener;
import io.rtc.common.auth.Identity;
import io.rtc.common.signalr.Close;
import io.rtc.common.signalr.HubMessage;
import io.rtc.common.signalr.HubProtocol;
import io.rtc.common.signalr.Ping;
import io.vertx.core.Context;

/**
 * One client's hub connection, whatever carries it: the handshake and protocol, invocations, keep-alive,
 * stateful reconnect's sequence numbers and replay buffer, and the bound on what may wait for a client
 * that does not read. The {@link Transport} only moves bytes. Confined to the event loop it was opened
 * on: input from other threads (POSTs, forwarded requests, a reconnect on another loop) hops there first.
 */
public final class HubSession implements HubMember, TransportListener {

    private final HubConnections.Client client;
    private final HubConnections hub;
    private final Context context;
    private final EventLoop loop;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final SessionInput input;
    private final Invocations invocations;
    private final InputGate gate = new InputGate(new InputGate.Reading() {
        @Override
        public void pause() {
            if (transport != null) {
                transport.pauseInput();
            }
        }

        @Override
        public void resume() {
            if (transport != null) {
                transport.resumeInput();
            }
        }
    });
    private final long openedAt = System.nanoTime();
    /** The transport now; null while a stateful session waits for its client to reconnect. */
    private Transport transport;
    private long detachedAt;
    private volatile boolean closing;
    private boolean finished;
    private final AtomicBoolean droppedSlow = new AtomicBoolean();
    private volatile String userName;
    long lastReceived = openedAt;
    private long lastSent = openedAt;
    /** Set by the handshake: how records are written, and the replay buffer when stateful. */
    private HubProtocol protocol;
    private boolean binary;
    private ReplayBuffer replay;
    private volatile boolean stateful;

    HubSession(HubConnections.Client client, HubConnections hub, Context context, Transport transport) {
        this.client = client;
        this.hub = hub;
        this.context = context;
        this.transport = transport;
        this.loop = transport.loop();
        this.invocations = new Invocations(this, MessageRate.of(hub.config().limits(), openedAt));
        this.input = new SessionInput(this, invocations, hub.config().maxMessageSize());
    }

    // ---- what the hub sees

    @Override
    public String connectionId() {
        return client.connectionId();
    }

    @Override
    public Identity identity() {
        return client.identity();
    }

    @Override
    public Set<String> rooms() {
        return rooms;
    }

    @Override
    public String userName() {
        return userName;
    }

    @Override
    public void userName(String name) {
        userName = name;
    }

    @Override
    public EventExecutor loop() {
        return loop;
    }

    /** A room record: a view of bytes encoded once per protocol for every member. */
    @Override
    public void send(SharedFrame frame) {
        if (!loop.inEventLoop()) {
            frame.retain();
            loop.execute(() -> {
                try {
                    send(frame);
                } finally {
                    frame.release();
                }
            });
        } else if (!closing && protocol != null) {
            deliver(frame.view(protocol), true);
        }
    }

    /** One message to this client only (a completion, a ping); on the session's loop. */
    void send(HubMessage message) {
        if (!closing && protocol != null) {
            hub.metrics().sent();
            deliver(Unpooled.wrappedBuffer(protocol.write(message)), message.trackable());
        }
    }

    private void deliver(ByteBuf record, boolean trackable) {
        if (replay != null && trackable && !replay.add(record.retainedDuplicate())) {
            record.release();
            close("Connection closed: more than " + hub.config().statefulReconnect().bufferSize()
                    + " bytes went unacknowledged by the client.", true, (short) 1008, "Replay buffer full");
        } else if (transport == null || tooSlow()) {
            record.release(); // detached: kept in the replay buffer for the reconnect
        } else {
            lastSent = System.nanoTime();
            transport.write(record, binary);
        }
    }

    /** A client whose send buffer is full does not read: it is dropped rather than buffered without end. */
    private boolean tooSlow() {
        if (!transport.congested()) {
            return false;
        }
        if (droppedSlow.compareAndSet(false, true)) {
            hub.metrics().droppedSlow();
            context.runOnContext(v -> close("Connection closed: the client does not read its messages fast enough.", true,
                    (short) 1008, "Client too slow"));
        }
        return true;
    }

    // ---- the transport's side

    @Override
    public void received(ByteBuf bytes) {
        if (!loop.inEventLoop()) {
            ByteBuf copy = bytes.copy();
            loop.execute(() -> {
                try {
                    received(copy);
                } finally {
                    copy.release();
                }
            });
        } else if (!closing) {
            lastReceived = System.nanoTime();
            input.feed(bytes);
        }
    }

    @Override
    public void closed(Transport ended) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> closed(ended));
            return;
        }
        if (ended != transport) {
            return; // one a reconnect replaced
        }
        transport = null;
        if (replay != null && !closing) {
            detachedAt = System.nanoTime(); // stateful: the client may come back with the same id
        } else {
            finish();
        }
    }

    /** Stateful reconnect: the client is back on a new transport. False (refuse it) when the session cannot resume. */
    public boolean resume(Transport next) {
        if (replay == null || closing || finished || next.kind() != Transport.Kind.WEB_SOCKETS) {
            return false;
        }
        Transport old = transport;
        transport = next;
        if (old != null) {
            old.cut(); // half-open: the client already gave up on it
        }
        lastReceived = System.nanoTime();
        hub.metrics().sent();
        transport.write(Unpooled.wrappedBuffer(protocol.write(new io.rtc.common.signalr.Sequence(replay.resendFrom()))), binary);
        replay.replay(record -> transport.write(record, binary));
        input.resumed();
        return true;
    }

    /** Sends a Close message, then ends the transport. Safe to call more than once. */
    public void close(String error, boolean allowReconnect, short code, String reason) {
        if (closing) {
            return;
        }
        if (protocol != null && transport != null) {
            lastSent = System.nanoTime();
            transport.write(Unpooled.wrappedBuffer(protocol.write(new Close(error, allowReconnect))), binary);
        }
        closing = true;
        if (transport != null) {
            transport.end(code, reason);
        } else {
            finish();
        }
    }

    private void finish() {
        if (!finished) {
            finished = true;
            closing = true;
            if (replay != null) {
                replay.clear();
            }
            hub.closed(this);
            gate.release();
        }
    }

    /**
     * Keep-alive, timeouts, token expiry and acknowledgements; on the session's loop, from the sweep, with
     * the current nano time and the epoch second a token must outlive (now less the clock skew).
     */
    void sweep(long now, HubConnections.Timeouts timeouts, long expiredBefore) {
        if (finished) {
            return;
        }
        if (transport == null) {
            if (closing || now - detachedAt > timeouts.reconnectWindow()) {
                finish(); // the client did not come back in time: it is gone, as after a close
            }
            return;
        }
        Identity identity = client.identity();
        if (!transport.open()) {
            if (!closing) {
                hub.metrics().timedOut(); // a long-polling client that stopped polling
            }
            closing = true;
            transport.cut();
        } else if (closing) {
            return;
        } else if (identity != null && identity.expiresAt() > 0 && identity.expiresAt() < expiredBefore) {
            // as ASP.NET's CloseOnAuthenticationExpiration: the client reconnects, with a fresh token
            hub.metrics().refused(ChatMetrics.TOKEN_EXPIRED);
            close("Connection closed: the access token expired. Reconnect with a new token.", true, (short) 1008, "Token expired");
        } else if (protocol == null) {
            if (now - openedAt > timeouts.handshake()) {
                hub.metrics().timedOut();
                closing = true;
                transport.end((short) 1008, "Handshake was not received in time");
            }
        } else if (transport.kind() != Transport.Kind.LONG_POLLING) {
            // long polling keeps itself alive: each poll is a sign of life, and its client sends no pings
            if (now - lastReceived > timeouts.client()) {
                hub.metrics().timedOut();
                close("Server timeout elapsed without receiving a message from the client.", false, (short) 1000, "Client timeout");
                return;
            } else if (now - lastSent >= timeouts.keepAlive()) {
                send(Ping.INSTANCE);
            }
        }
        if (replay != null && !closing && transport != null) {
            long acknowledge = input.toAcknowledge();
            if (acknowledge > 0) {
                send(new io.rtc.common.signalr.Ack(acknowledge));
            }
        }
    }

    // ---- for SessionInput and Invocations

    /** The handshake succeeded: records are written with {@code chosen} from now on. */
    void handshaken(HubProtocol chosen, boolean stateful, byte[] response) {
        protocol = chosen;
        binary = chosen.transferFormat() == io.rtc.common.signalr.TransferFormat.BINARY;
        if (stateful) {
            replay = new ReplayBuffer(hub.config().statefulReconnect().bufferSize());
            this.stateful = true;
        }
        hub.metrics().sent();
        lastSent = System.nanoTime();
        transport.write(Unpooled.wrappedBuffer(response), binary);
    }

    void refuseHandshake(byte[] response) {
        hub.metrics().protocolError();
        transport.write(Unpooled.wrappedBuffer(response), false);
        closing = true;
        transport.end((short) 1002, "Handshake failed");
    }

    /** The client has everything up to {@code sequenceId} (stateful reconnect). */
    void acknowledged(long sequenceId) {
        if (replay != null) {
            replay.ack(sequenceId);
        }
    }

    boolean statefulReconnectAllowed() {
        return hub.config().statefulReconnect().enabled();
    }

    /** The client said goodbye with a Close message. */
    void clientClosed() {
        closing = true;
        transport.end((short) 1000, "");
    }

    boolean closing() {
        return closing;
    }

    public Transport transport() {
        return transport;
    }

    Context context() {
        return context;
    }

    ChatMetrics metrics() {
        return hub.metrics();
    }

    HubInvoker invoker() {
        return hub.invoker();
    }

    HubConnections.Client client() {
        return client;
    }

    // ---- input flow control (InputGate)

    void pauseInput() {
        gate.pause();
    }

    void resumeInput() {
        gate.resume();
    }

    /** Runs {@code then} on the session's loop once the session takes input again (at once, usually). */
    public void whenInputOpen(Runnable then) {
        run(() -> gate.whenOpen(then, finished));
    }

    /** Claims the connection's one POST at a time; false when another is in progress. */
    public boolean beginPost() {
        return gate.beginPost();
    }

    public void endPost() {
        gate.endPost();
    }

    /** The transport kind the client opened with; a resume keeps it (WebSockets only). Safe from any thread. */
    public Transport.Kind kind() {
        return client.kind();
    }

    /** True once the handshake granted stateful reconnect: a new WebSocket with this id resumes the session. */
    public boolean stateful() {
        return stateful;
    }

    public boolean finished() {
        return finished;
    }

    /** Runs {@code action} on the session's event loop. */
    public void run(Runnable action) {
        if (loop.inEventLoop()) {
            action.run();
        } else {
            loop.execute(action);
        }
    }
}
