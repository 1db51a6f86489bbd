package io.rtc.chat.endpoint;

import java.util.function.Consumer;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.hub.HubServices;
import io.rtc.chat.session.HubConnections;
import io.rtc.chat.session.HubSession;
import io.rtc.chat.transport.LongPollingTransport;
import io.rtc.chat.transport.SseTransport;
import io.rtc.chat.transport.Transport;
import io.rtc.chat.transport.WebSocketTransport;
import io.rtc.common.http.UpgradedRequests;
import io.rtc.common.net.NettyChannels;
import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Makes the transport of an admitted connection and hands it to a new session. Server-Sent Events
 * and long-polling connections are first registered with the relay, so that their POSTs and polls
 * find this instance from any other; a first poll is answered at once, which completes the client's start.
 */
@Singleton
public class TransportFactory {

    private static final Logger LOG = Logger.getLogger(TransportFactory.class);

    private final HubConnections connections;
    private final HubServices services;
    private final ChatConfig config;
    private final Admission admission;

    public TransportFactory(HubConnections connections, HubServices services, ChatConfig config, Admission admission) {
        this.connections = connections;
        this.services = services;
        this.config = config;
        this.admission = admission;
        connections.onRelease(client -> {
            admission.release(client);
            if (client.kind() != Transport.Kind.WEB_SOCKETS) {
                services.relay().release(client.connectionId());
            }
        });
    }

    void open(RoutingContext ctx, Transport.Kind kind, HubConnections.Client client, Context context) {
        if (kind == Transport.Kind.WEB_SOCKETS) {
            webSocket(ctx, client, transport -> {
                HubSession session = connections.accept(transport, client, context);
                if (session != null) {
                    transport.start(session);
                }
            });
            return;
        }
        services.relay().hold(client.connectionId()).subscribe().with(held -> context.runOnContext(v -> {
            if (ctx.response().closed()) {
                admission.release(client);
                services.relay().release(client.connectionId());
            } else if (kind == Transport.Kind.SERVER_SENT_EVENTS) {
                serverSentEvents(ctx, client, context);
            } else {
                longPolling(ctx, client, context);
            }
        }), failure -> context.runOnContext(v -> {
            LOG.debugf("relay hold of %s: %s", client.connectionId(), failure.getMessage());
            admission.release(client);
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            Answers.text(ctx, 503, "The backplane is unreachable: retry, or use WebSockets");
        }));
    }

    /** Upgrades the request; {@code opened} gets the transport on the socket's event loop. */
    void webSocket(RoutingContext ctx, HubConnections.Client client, Consumer<WebSocketTransport> opened) {
        HttpServerRequest request = ctx.request();
        Channel channel = NettyChannels.of(request.connection());
        request.toWebSocket().onSuccess(ws -> {
            UpgradedRequests.settle(request); // the 101 ended the HTTP exchange: see UpgradedRequests
            opened.accept(new WebSocketTransport(ws, channel, config.maxSendBuffer()));
        }).onFailure(e -> {
            if (client != null) {
                admission.release(client);
            }
        });
    }

    private void serverSentEvents(RoutingContext ctx, HubConnections.Client client, Context context) {
        SseTransport transport = new SseTransport(ctx.response(), NettyChannels.of(ctx.request().connection()), config.maxSendBuffer());
        HubSession session = connections.accept(transport, client, context);
        if (session != null) {
            transport.start(session);
        }
    }

    private void longPolling(RoutingContext ctx, HubConnections.Client client, Context context) {
        LongPollingTransport transport = new LongPollingTransport(NettyChannels.eventLoop(context),
                config.longPolling().pollTimeout().toMillis(), config.longPolling().disconnectTimeout().toNanos(),
                config.maxSendBuffer());
        HubSession session = connections.accept(transport, client, context);
        if (session != null) {
            transport.start(session);
            ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").end(); // the first poll: 200, and nothing yet
        }
    }
}
