package io.rtc.chat.endpoint;

import jakarta.inject.Singleton;

import io.netty.buffer.ByteBufUtil;
import io.rtc.common.http.BoundedBody;
import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.hub.HubServices;
import io.rtc.chat.relay.RelayReply;
import io.rtc.chat.relay.RelayRequest;
import io.rtc.chat.session.HubConnections;
import io.rtc.chat.session.HubSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /chatHub?id=…}, the client-to-server half of Server-Sent Events and long polling, and
 * {@code DELETE /chatHub?id=…}, which ends a long-polling connection. A request for a connection held
 * by another instance is forwarded there through the relay and answered with its reply, only once
 * that instance has taken the payload.
 */
@Singleton
public class Sends {

    private final ConnectionTokens tokens;
    private final HubConnections connections;
    private final HubServices services;
    private final ConnectionRequests requests;
    private final int maxPostSize;

    public Sends(ConnectionTokens tokens, HubConnections connections, HubServices services, ConnectionRequests requests,
            ChatConfig config) {
        this.tokens = tokens;
        this.connections = connections;
        this.services = services;
        this.requests = requests;
        this.maxPostSize = config.maxPostSize();
    }

    void post(RoutingContext ctx) {
        String connectionId = connectionId(ctx);
        if (connectionId == null) {
            return;
        }
        HubSession session = connections.get(connectionId);
        RelayReply refused = session == null ? null : ConnectionRequests.refusal(session);
        if (refused != null) {
            answer(ctx, refused);
            return;
        }
        Context context = Vertx.currentContext();
        BoundedBody.read(ctx.request(), maxPostSize).onComplete(read -> {
            if (read.failed()) {
                if (session != null) {
                    session.endPost();
                }
                if (read.cause() instanceof BoundedBody.TooLarge) {
                    tooLarge(ctx, session);
                }
                return;
            }
            Uni<RelayReply> reply = session != null ? requests.send(session, read.result()) : forward(RelayRequest.Kind.SEND, connectionId,
                    ByteBufUtil.getBytes(read.result()), read.result());
            reply.subscribe().with(answer -> context.runOnContext(v -> answer(ctx, answer)));
        });
    }

    void delete(RoutingContext ctx) {
        String connectionId = connectionId(ctx);
        if (connectionId == null) {
            return;
        }
        HubSession session = connections.get(connectionId);
        Context context = Vertx.currentContext();
        if (session != null) {
            ConnectionRequests.delete(session).subscribe().with(answer -> context.runOnContext(v -> answer(ctx, answer)));
            return;
        }
        services.relay().forward(new RelayRequest(RelayRequest.Kind.DELETE, connectionId, new byte[0]))
                .subscribe().with(answer -> context.runOnContext(v -> answer(ctx, answer)));
    }

    /** The connection the request names, or null after answering 400 (no id) or 404 (not a token of ours). */
    String connectionId(RoutingContext ctx) {
        String token = ctx.request().getParam("id");
        if (token == null) {
            Answers.text(ctx, 400, "Connection ID required");
            return null;
        }
        ConnectionTokens.Bound signed = tokens.signed(token);
        if (signed == null) {
            Answers.text(ctx, 404, "No Connection with that ID");
            return null;
        }
        return signed.connectionId();
    }

    private Uni<RelayReply> forward(RelayRequest.Kind kind, String connectionId, byte[] body, io.netty.buffer.ByteBuf read) {
        read.release();
        return services.relay().forward(new RelayRequest(kind, connectionId, body));
    }

    /** More than a POST may carry: refused, and the connection closed as for an oversized WebSocket message. */
    private void tooLarge(RoutingContext ctx, HubSession session) {
        if (session != null) {
            session.run(() -> session.close("Connection closed with an error. A POST carried more than " + maxPostSize + " bytes.",
                    false, (short) 1009, "Message too big"));
        }
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        Answers.text(ctx, 413, "A POST may carry at most " + maxPostSize + " bytes");
    }

    static void answer(RoutingContext ctx, RelayReply reply) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(reply.status()).putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (reply.contentType() != null) {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType());
        }
        ctx.response().end(Buffer.buffer(reply.body()));
    }
}
