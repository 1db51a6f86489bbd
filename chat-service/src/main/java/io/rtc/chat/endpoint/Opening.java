package io.rtc.chat.endpoint;

import java.util.Objects;

import jakarta.inject.Singleton;

import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.hub.HubServices;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.chat.session.HubConnections;
import io.rtc.chat.session.HubSession;
import io.rtc.chat.transport.Transport;
import io.rtc.common.auth.Identity;
import io.rtc.common.limits.Refusals;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Opens a connection over any transport, after the same checks for all: the token (404 unknown or
 * forged, 409 in use), the address limits, the client's JWT and that it is the user the connection was
 * negotiated for (403), the one-time use of the connection token, the user's connections. A WebSocket
 * may also resume a stateful session that lost its previous socket.
 */
@Singleton
public class Opening {

    private final ConnectionTokens tokens;
    private final HubConnections connections;
    private final HubServices services;
    private final ChatConfig config;
    private final Admission admission;
    private final ChatMetrics metrics;
    private final TransportFactory factory;

    public Opening(ConnectionTokens tokens, HubConnections connections, HubServices services, ChatConfig config,
            Admission admission, ChatMetrics metrics, TransportFactory factory) {
        this.tokens = tokens;
        this.connections = connections;
        this.services = services;
        this.config = config;
        this.admission = admission;
        this.metrics = metrics;
        this.factory = factory;
    }

    void open(RoutingContext ctx, Transport.Kind kind) {
        HttpServerRequest request = ctx.request();
        if (!offered(kind)) {
            Answers.text(ctx, 404, "The " + kind.wireName() + " transport is not available on this server");
            return;
        }
        String token = request.getParam("id");
        if (token == null && kind != Transport.Kind.WEB_SOCKETS) {
            Answers.text(ctx, 400, "Connection ID required");
            return;
        }
        if (kind == Transport.Kind.WEB_SOCKETS && token != null && resumed(ctx, token)) {
            return;
        }
        if (connections.stopping()) {
            Answers.shuttingDown(ctx);
            return;
        }
        ConnectionTokens.Bound bound = token == null ? null : tokens.open(token);
        if (token != null && bound == null) {
            Answers.text(ctx, 404, "No Connection with that ID");
            return;
        }
        if (bound != null && connections.isOpen(bound.connectionId())) {
            Answers.text(ctx, 409, "Connection ID is already in use");
            return;
        }
        String address = admission.address(ctx);
        if (address == null) {
            return;
        }
        Context context = Vertx.currentContext();
        request.pause();
        admission.identity(request).onComplete(checked -> {
            if (checked.failed()) {
                admission.unauthorized(ctx, checked.cause());
            } else if (bound != null && !Objects.equals(bound.user(), checked.result() == null ? null : checked.result().subject())) {
                metrics.refused(Refusals.FORBIDDEN);
                Answers.text(ctx, 403, "This connection was negotiated by another user: negotiate with your own token");
            } else {
                // skipNegotiation (WebSockets only): the id is ours to pick, and nobody can have used it
                String connectionId = bound == null ? tokens.newConnectionId() : bound.connectionId();
                Uni<Boolean> fresh = bound == null ? Uni.createFrom().item(true)
                        : services.presence().claim(connectionId).onFailure().recoverWithItem(true);
                admit(ctx, context, kind, fresh, new HubConnections.Client(connectionId, checked.result(), address, kind));
                return;
            }
            request.resume();
        });
    }

    /**
     * A stateful session here whose client comes back on a new WebSocket: it resumes, whatever the token's
     * age. False when there is no such session here (the usual checks follow; a reconnect that reached
     * another instance is refused there as in use, and the client starts a new connection).
     */
    private boolean resumed(RoutingContext ctx, String token) {
        ConnectionTokens.Bound signed = tokens.signed(token);
        HubSession session = signed == null ? null : connections.get(signed.connectionId());
        if (session == null || !session.stateful()) {
            return false;
        }
        factory.webSocket(ctx, null, transport -> {
            // reading starts at once, on the socket's own loop; the session ignores a transport it did not take
            transport.start(session);
            session.run(() -> {
                if (!session.resume(transport)) {
                    transport.end((short) 1008, "Connection ID is already in use");
                }
            });
        });
        return true;
    }

    private void admit(RoutingContext ctx, Context context, Transport.Kind kind, Uni<Boolean> fresh, HubConnections.Client client) {
        HttpServerRequest request = ctx.request();
        String connectionId = client.connectionId();
        Identity identity = client.identity();
        fresh.flatMap(unused -> unused ? admission.connectUser(identity, connectionId).map(room -> room ? Admit.OK : Admit.USER_FULL)
                : Uni.createFrom().item(Admit.IN_USE))
                .subscribe().with(verdict -> context.runOnContext(v -> {
                    if (verdict == Admit.IN_USE && kind == Transport.Kind.LONG_POLLING) {
                        // no instance holds it, yet it was used: the connection ended
                        Answers.text(ctx, 404, "No Connection with that ID");
                    } else if (verdict == Admit.IN_USE) {
                        Answers.text(ctx, 409, "Connection ID is already in use");
                    } else if (verdict == Admit.USER_FULL) {
                        admission.refuseUser(ctx);
                    } else if (!admission.openFor(ctx, client.address())) {
                        admission.disconnectUser(identity, connectionId);
                    } else {
                        factory.open(ctx, kind, client, context);
                    }
                    request.resume();
                }));
    }

    private boolean offered(Transport.Kind kind) {
        return switch (kind) {
            case WEB_SOCKETS -> config.transports().websockets();
            case SERVER_SENT_EVENTS -> config.transports().serverSentEvents();
            case LONG_POLLING -> config.transports().longPolling();
        };
    }

    private enum Admit {
        OK,
        IN_USE,
        USER_FULL
    }
}
