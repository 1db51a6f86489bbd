package io.rtc.chat.endpoint;

import jakarta.inject.Singleton;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rtc.chat.hub.HubServices;
import io.rtc.chat.relay.RelayReply;
import io.rtc.chat.relay.RelayRequest;
import io.rtc.chat.session.HubConnections;
import io.rtc.chat.session.HubSession;
import io.rtc.chat.transport.LongPollingTransport;
import io.rtc.chat.transport.PollSink;
import io.rtc.chat.transport.Transport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;

/**
 * Serves the HTTP half-transports' requests for sessions held on this instance, whether they came to
 * this instance's routes or were forwarded by another instance through the relay: the same statuses
 * either way (SignalR's transport spec).
 */
@Singleton
public class ConnectionRequests {

    static final String TEXT = "text/plain; charset=utf-8";
    static final String BINARY = "application/octet-stream";

    private final HubConnections connections;

    public ConnectionRequests(HubConnections connections, HubServices services) {
        this.connections = connections;
        services.relay().handler(this::forwarded);
    }

    /**
     * Hands a POST's body to the session and completes once the session took it (it may be paused:
     * a client that floods waits for its answers). The caller holds the session's POST claim already.
     */
    Uni<RelayReply> send(HubSession session, ByteBuf body) {
        Promise<RelayReply> answered = Promise.promise();
        session.run(() -> {
            try {
                if (session.finished()) {
                    answered.complete(RelayReply.of(404, "No Connection with that ID"));
                    return;
                }
                session.received(body);
            } finally {
                body.release();
            }
            session.whenInputOpen(() -> {
                session.endPost();
                answered.complete(new RelayReply(200, TEXT, new byte[0]));
            });
        });
        return Uni.createFrom().completionStage(answered.future().toCompletionStage());
    }

    /** The status of a send to a session of the wrong kind or already busy; null to go on. */
    static RelayReply refusal(HubSession session) {
        if (session.kind() == Transport.Kind.WEB_SOCKETS) {
            return RelayReply.of(405, "POST requests are not allowed for WebSocket connections.");
        }
        return session.beginPost() ? null : RelayReply.of(409, "Another POST is in progress on this connection.");
    }

    /** A long poll, answered into {@code sink}; false when the session does not poll (answer 400). */
    static boolean poll(HubSession session, PollSink sink) {
        if (session.kind() != Transport.Kind.LONG_POLLING) {
            return false;
        }
        session.run(() -> {
            if (session.transport() instanceof LongPollingTransport polling) {
                polling.poll(sink);
            } else {
                sink.answer(204, null, false); // ended meanwhile
            }
        });
        return true;
    }

    static Uni<RelayReply> delete(HubSession session) {
        if (session.kind() != Transport.Kind.LONG_POLLING) {
            return Uni.createFrom().item(RelayReply.of(400, "Cannot terminate this connection using the DELETE endpoint."));
        }
        Promise<RelayReply> answered = Promise.promise();
        session.run(() -> answered.complete(session.transport() instanceof LongPollingTransport polling && polling.delete()
                ? new RelayReply(202, TEXT, new byte[0])
                : RelayReply.of(404, "No Connection with that ID")));
        return Uni.createFrom().completionStage(answered.future().toCompletionStage());
    }

    /** A request another instance forwarded for a session it believes is here. */
    private Uni<RelayReply> forwarded(RelayRequest request) {
        HubSession session = connections.get(request.connectionId());
        if (session == null) {
            return Uni.createFrom().item(RelayReply.of(404, "No Connection with that ID"));
        }
        return switch (request.kind()) {
            case SEND -> {
                RelayReply refused = refusal(session);
                yield refused != null ? Uni.createFrom().item(refused) : send(session, Unpooled.wrappedBuffer(request.body()));
            }
            case POLL -> {
                Promise<RelayReply> answered = Promise.promise();
                if (!poll(session, (status, body, binary) -> answered.tryComplete(reply(status, body, binary)))) {
                    answered.complete(RelayReply.of(400, "This connection does not use long polling."));
                }
                yield Uni.createFrom().completionStage(answered.future().toCompletionStage());
            }
            case DELETE -> delete(session);
        };
    }

    private static RelayReply reply(int status, ByteBuf body, boolean binary) {
        if (body == null) {
            return new RelayReply(status, null, new byte[0]);
        }
        try {
            return new RelayReply(status, binary ? BINARY : TEXT, ByteBufUtil.getBytes(body));
        } finally {
            body.release();
        }
    }
}
