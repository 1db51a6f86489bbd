package io.rtc.chat.endpoint;

import jakarta.inject.Singleton;

import io.netty.buffer.ByteBuf;
import io.rtc.chat.hub.HubServices;
import io.rtc.chat.relay.RelayRequest;
import io.rtc.chat.session.HubConnections;
import io.rtc.chat.session.HubSession;
import io.rtc.chat.transport.PollSink;
import io.rtc.chat.transport.Transport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /chatHub?id=…} without an event-stream Accept: a long poll. Served here when this
 * instance holds the connection, forwarded to the instance that does otherwise; when no instance holds
 * it, it is the first poll of a new long-polling connection, which opens here.
 */
@Singleton
public class Polls {

    private final HubConnections connections;
    private final HubServices services;
    private final Sends sends;
    private final Opening opening;

    public Polls(HubConnections connections, HubServices services, Sends sends, Opening opening) {
        this.connections = connections;
        this.services = services;
        this.sends = sends;
        this.opening = opening;
    }

    void poll(RoutingContext ctx) {
        String connectionId = sends.connectionId(ctx);
        if (connectionId == null) {
            return;
        }
        HubSession session = connections.get(connectionId);
        if (session != null) {
            if (!ConnectionRequests.poll(session, new ResponseSink(ctx.response()))) {
                Answers.text(ctx, 400, "This connection does not use long polling.");
            }
            return;
        }
        Context context = Vertx.currentContext();
        services.relay().forward(new RelayRequest(RelayRequest.Kind.POLL, connectionId, new byte[0]))
                .subscribe().with(reply -> context.runOnContext(v -> {
                    if (reply.status() == 404) {
                        opening.open(ctx, Transport.Kind.LONG_POLLING); // held nowhere: a new connection
                    } else {
                        Sends.answer(ctx, reply);
                    }
                }));
    }

    /** A poll answered on this instance's HTTP response. */
    private static final class ResponseSink implements PollSink {

        private final HttpServerResponse response;

        ResponseSink(HttpServerResponse response) {
            this.response = response;
        }

        @Override
        public void answer(int status, ByteBuf body, boolean binary) {
            if (response.ended() || response.closed()) {
                if (body != null) {
                    body.release();
                }
                return;
            }
            response.setStatusCode(status).putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            if (body == null) {
                response.end();
            } else {
                try {
                    // a copy: Vert.x never releases a ByteBuf it was handed in a Buffer
                    response.putHeader(HttpHeaders.CONTENT_TYPE, binary ? ConnectionRequests.BINARY : ConnectionRequests.TEXT)
                            .end(Buffer.buffer(io.netty.buffer.ByteBufUtil.getBytes(body)));
                } finally {
                    body.release();
                }
            }
        }

        @Override
        public void onGone(Runnable onGone) {
            response.closeHandler(v -> onGone.run());
        }
    }
}
