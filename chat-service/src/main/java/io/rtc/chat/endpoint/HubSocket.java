package io.rtc.chat.endpoint;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.rtc.chat.hub.HubException;
import io.rtc.chat.hub.HubMember;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.common.auth.Identity;
import io.rtc.chat.protocol.HubProtocol;
import io.rtc.chat.protocol.HubRequest;
import io.rtc.chat.protocol.InvalidMessageException;
import io.rtc.chat.protocol.RecordReader;
import io.rtc.chat.protocol.RecordReader.MessageTooLargeException;
import io.rtc.chat.protocol.SharedFrame;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.impl.ContextInternal;

/**
 * One client's hub connection over a WebSocket: the handshake, then records in, invocations run
 * one at a time in the order they came (as ASP.NET does by default), records out. Everything but
 * {@link #send} runs on the connection's event loop.
 */
final class HubSocket implements HubMember {

    private static final Logger LOG = Logger.getLogger(HubSocket.class);
    /** Invocations waiting beyond this stop reading from the client until the queue drains. */
    private static final int PAUSE_AT = 128;
    private static final int RESUME_AT = 16;
    private static final int CLOSE_GRACE_SECONDS = 2;

    private final ServerWebSocket ws;
    /** The connection's Netty channel, for shared room frames; null if Vert.x did not expose it. */
    private final Channel channel;
    private final String connectionId;
    private final HubConnections.Client client;
    private final HubConnections hub;
    private final Context context;
    /** The Netty event loop of the connection: shared by every connection it serves (Vert.x internal API). */
    private final EventLoop loop;
    private final RecordReader reader;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<HubRequest> queue = new ArrayDeque<>();
    private final long openedAt = System.nanoTime();
    private volatile long lastReceived = openedAt;
    private volatile long lastSent = openedAt;
    private volatile boolean closing;
    /** Set once when the client is found too slow, so it is counted and closed once, not once per send. */
    private final java.util.concurrent.atomic.AtomicBoolean droppedSlow = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean handshaken;
    private volatile String userName;
    private boolean busy;
    private boolean paused;
    /** Reading is stopped until the client's message rate allows another invocation. */
    private boolean throttled;

    /** The connection's invocation rate; null when unlimited. */
    private final MessageRate rate;

    HubSocket(ServerWebSocket ws, Channel channel, HubConnections.Client client, HubConnections hub, Context context) {
        this.ws = ws;
        this.channel = channel;
        this.client = client;
        this.connectionId = client.connectionId();
        this.hub = hub;
        this.context = context;
        this.loop = ((ContextInternal) context).nettyEventLoop();
        this.reader = new RecordReader(hub.config().maxMessageSize());
        this.rate = MessageRate.of(hub.config().limits(), openedAt);
    }

    HubConnections.Client client() {
        return client;
    }

    @Override
    public Identity identity() {
        return client.identity();
    }

    void start() {
        ws.setWriteQueueMaxSize(hub.config().maxSendBuffer());
        ws.frameHandler(this::onFrame);
        ws.exceptionHandler(e -> LOG.debugf("connection %s: %s", connectionId, e.getMessage()));
        ws.closeHandler(v -> {
            closing = true;
            hub.closed(this);
        });
        if (channel != null) {
            // Vert.x skips its close handler when the server started the close and then cut the TCP
            // connection (a client that never answered); the channel's own close always comes
            channel.closeFuture().addListener(done -> hub.closed(this));
        }
    }

    @Override
    public String connectionId() {
        return connectionId;
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

    @Override
    public void send(String frame) {
        // a client may have gone while an invocation ran: Vert.x throws on a closed socket
        if (closing || ws.isClosed() || tooSlow(ws.writeQueueFull())) {
            return;
        }
        lastSent = System.nanoTime();
        hub.metrics().sent();
        ws.writeTextMessage(frame);
    }

    /**
     * A room record: written straight to the channel as a text frame over the shared bytes (on the
     * channel's own event loop, so in order with everything Vert.x writes). Counted by the hub as a
     * delivery.
     */
    @Override
    public void send(SharedFrame frame) {
        if (channel == null || !loop.inEventLoop()) {
            send(frame.record());
        } else if (!closing && !tooSlow(!channel.isWritable())) {
            lastSent = System.nanoTime();
            channel.writeAndFlush(new TextWebSocketFrame(frame.view()), channel.voidPromise());
        }
    }

    /** A client whose send buffer is full does not read: it is dropped rather than buffered without end. */
    private boolean tooSlow(boolean bufferFull) {
        if (bufferFull && droppedSlow.compareAndSet(false, true)) {
            hub.metrics().droppedSlow();
            context.runOnContext(v -> close("Connection closed: the client does not read its messages fast enough.", true,
                    (short) 1008, "Client too slow"));
        }
        return bufferFull;
    }

    /**
     * Keep-alive, timeouts and token expiry, called periodically by the sweeper with the current nano time and
     * the epoch second a token must outlive (now less the clock skew).
     */
    void sweep(long now, long keepAliveNanos, long clientTimeoutNanos, long handshakeTimeoutNanos, long expiredBefore) {
        if (closing) {
            return;
        }
        Identity identity = client.identity();
        if (identity != null && identity.expiresAt() > 0 && identity.expiresAt() < expiredBefore) {
            // as ASP.NET's CloseOnAuthenticationExpiration: the client reconnects, with a fresh token
            hub.metrics().refused(ChatMetrics.TOKEN_EXPIRED);
            close("Connection closed: the access token expired. Reconnect with a new token.", true, (short) 1008, "Token expired");
        } else if (!handshaken) {
            if (now - openedAt > handshakeTimeoutNanos) {
                hub.metrics().timedOut();
                ws.close((short) 1008, "Handshake was not received in time");
                closing = true;
            }
        } else if (now - lastReceived > clientTimeoutNanos) {
            hub.metrics().timedOut();
            close("Server timeout elapsed without receiving a message from the client.", false, (short) 1000, "Client timeout");
        } else if (now - lastSent >= keepAliveNanos) {
            send(HubProtocol.PING);
        }
    }

    /** Sends a Close record, then closes the WebSocket. Safe to call more than once. */
    void close(String error, boolean allowReconnect, short code, String reason) {
        if (closing) {
            return;
        }
        lastSent = System.nanoTime();
        ws.writeTextMessage(HubProtocol.close(error, allowReconnect));
        closing = true;
        ws.close(code, reason);
        if (channel != null) {
            // a client that does not read never answers the close either: cut it after a grace period
            channel.eventLoop().schedule(this::cut, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Closes the TCP connection now. Through the pipeline's first handler, because Vert.x's own
     * close waits until everything queued was written, which a stalled client never lets happen.
     */
    private void cut() {
        if (channel.isActive()) {
            channel.pipeline().firstContext().close();
        }
    }

    private void onFrame(WebSocketFrame frame) {
        if (closing || !(frame.isText() || frame.isBinary() || frame.isContinuation())) {
            return;
        }
        lastReceived = System.nanoTime();
        try {
            reader.feed(frame.binaryData().getByteBuf(), this::onRecord);
        } catch (MessageTooLargeException e) {
            hub.metrics().protocolError();
            close("Connection closed with an error. " + e.getMessage(), false, (short) 1009, "Message too big");
        } catch (InvalidMessageException e) {
            hub.metrics().protocolError();
            close("Connection closed with an error. " + e.getMessage(), false, (short) 1007, "Invalid hub message");
        }
    }

    private void onRecord(String record) throws InvalidMessageException {
        if (closing) {
            return;
        }
        hub.metrics().received();
        if (!handshaken) {
            handshake(record);
            return;
        }
        HubRequest request = HubProtocol.parse(record);
        switch (request.type()) {
            case HubRequest.INVOCATION -> {
                if (rate != null && !withinRate(request)) {
                    return;
                }
                if (request.hasStreamIds()) {
                    refuse(request, "Client-to-server streaming is not supported by this hub.");
                } else {
                    enqueue(request);
                }
            }
            case HubRequest.STREAM_INVOCATION -> refuse(request,
                    "Streaming hub methods are not supported: '" + request.target() + "' cannot be streamed.");
            case HubRequest.CANCEL_INVOCATION, HubRequest.STREAM_ITEM -> refuse(request,
                    "Streaming is not supported by this hub, so there is nothing to cancel or stream into.");
            case HubRequest.PING, HubRequest.COMPLETION -> {
                // a Ping only proves the client is alive; the hub never asks clients for results
            }
            case HubRequest.CLOSE -> {
                closing = true;
                ws.close();
            }
            default -> throw new InvalidMessageException("Unknown message type '" + request.type() + "'.");
        }
    }

    /**
     * Takes one invocation from the connection's budget. Over the rate it is answered with an error and not
     * run; a client that keeps going past the hard limit is closed.
     */
    private boolean withinRate(HubRequest request) {
        long now = System.nanoTime();
        MessageRate.Verdict verdict = rate.take(now);
        if (verdict == MessageRate.Verdict.ALLOWED) {
            return true;
        }
        if (verdict == MessageRate.Verdict.CLOSE) {
            hub.metrics().refused(ChatMetrics.MESSAGE_HARD_LIMIT);
            close("Connection closed with an error. Too many messages: the client kept sending past the rate limit.", false,
                    (short) 1008, "Rate limit exceeded");
            return false;
        }
        hub.metrics().refused(ChatMetrics.MESSAGE_RATE);
        refuse(request, "Too many messages: at most " + rate.describe() + ". This invocation was not run; retry later.");
        throttle(rate.nanosUntilAllowed(now));
        return false;
    }

    /**
     * Stops reading from a client over its rate until it may send again: a flood then costs the server
     * what the rate allows, not a refusal for every record the client manages to write.
     */
    private void throttle(long nanos) {
        if (throttled || closing) {
            return;
        }
        throttled = true;
        ws.pause();
        context.owner().setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)), id -> {
            throttled = false;
            if (!paused && !closing) {
                ws.resume();
            }
        });
    }

    private void handshake(String record) throws InvalidMessageException {
        String problem = HubProtocol.handshakeProblem(record);
        if (problem != null) {
            hub.metrics().protocolError();
            ws.writeTextMessage(HubProtocol.handshakeError(problem));
            closing = true;
            ws.close((short) 1002, "Handshake failed");
            return;
        }
        handshaken = true;
        send(HubProtocol.HANDSHAKE_OK);
    }

    private void refuse(HubRequest request, String error) {
        hub.metrics().invocationFailed();
        if (request.invocationId() != null) {
            send(HubProtocol.completionError(request.invocationId(), error));
        }
    }

    private void enqueue(HubRequest request) {
        queue.add(request);
        if (queue.size() > PAUSE_AT && !paused) {
            paused = true;
            ws.pause();
        }
        runNext();
    }

    private void runNext() {
        if (busy || closing) {
            return;
        }
        HubRequest request = queue.poll();
        if (request == null) {
            return;
        }
        if (paused && queue.size() < RESUME_AT) {
            paused = false;
            if (!throttled) {
                ws.resume();
            }
        }
        busy = true;
        hub.invoker().invoke(this, request.target(), request.arguments()).subscribe().with(
                result -> context.runOnContext(v -> completed(request, result, null)),
                failure -> context.runOnContext(v -> completed(request, null, failure)));
    }

    private void completed(HubRequest request, JsonNode result, Throwable failure) {
        busy = false;
        if (failure != null) {
            hub.metrics().invocationFailed();
            if (!(failure instanceof HubException)) {
                LOG.errorf(failure, "invoking %s", request.target());
            }
            if (request.expectsCompletion()) {
                send(HubProtocol.completionError(request.invocationId(), failure instanceof HubException
                        ? failure.getMessage()
                        : "An unexpected error occurred invoking '" + request.target() + "' on the server."));
            }
        } else if (request.expectsCompletion()) {
            send(HubProtocol.completion(request.invocationId(), result));
        }
        runNext();
    }
}
