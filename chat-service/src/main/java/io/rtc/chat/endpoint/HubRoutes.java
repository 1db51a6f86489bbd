package io.rtc.chat.endpoint;

import io.rtc.common.http.UpgradedRequests;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.netty.channel.Channel;
import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.hub.HubServices;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The hub's HTTP surface: {@code POST /chatHub/negotiate} and the WebSocket at {@code /chatHub}.
 * Plain Vert.x routes rather than a WebSockets Next endpoint, because the upgrade must be refused
 * with SignalR's HTTP statuses (404 unknown token, 409 already connected) after an asynchronous
 * check in Redis, and frames are read raw so records can span them.
 */
@Singleton
public class HubRoutes {

    static final String HUB = "/chatHub";

    private final ConnectionTokens tokens;
    private final HubConnections connections;
    private final HubServices services;
    private final Cors cors;

    public HubRoutes(ConnectionTokens tokens, HubConnections connections, HubServices services, ChatConfig config) {
        this.tokens = tokens;
        this.connections = connections;
        this.services = services;
        this.cors = new Cors(config.allowedOrigins());
    }

    void routes(@Observes Router router) {
        router.route(HUB + "/negotiate").handler(this::negotiate);
        router.route(HUB).handler(this::connect);
    }

    private void negotiate(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!cors.admit(request)) {
            text(ctx, 403, "Origin not allowed");
        } else if (request.method() == HttpMethod.OPTIONS) {
            cors.preflight(request);
        } else if (connections.stopping()) {
            shuttingDown(ctx);
        } else if (request.method() != HttpMethod.POST) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST, OPTIONS");
            text(ctx, 405, "Negotiate with POST");
        } else {
            int version = Negotiation.requestedVersion(request.getParam("negotiateVersion"));
            if (version < 0) {
                text(ctx, 400, "negotiateVersion must be a number");
                return;
            }
            String connectionId = tokens.newConnectionId();
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(Negotiation.answer(version, connectionId, tokens.issue(connectionId)));
        }
    }

    private void connect(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!cors.admit(request)) {
            text(ctx, 403, "Origin not allowed");
            return;
        }
        if (request.method() == HttpMethod.OPTIONS) {
            cors.preflight(request);
            return;
        }
        if (request.method() != HttpMethod.GET || !"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            text(ctx, 400, "Only the WebSockets transport is available: open " + HUB + " with a WebSocket upgrade"
                    + " (after POST " + HUB + "/negotiate, or with skipNegotiation)");
            return;
        }
        if (connections.stopping()) {
            shuttingDown(ctx);
            return;
        }
        String token = request.getParam("id");
        if (token == null) {
            upgrade(request, tokens.newConnectionId()); // skipNegotiation: the id is ours to pick
            return;
        }
        String connectionId = tokens.verify(token);
        if (connectionId == null) {
            text(ctx, 404, "No Connection with that ID");
            return;
        }
        if (connections.isOpen(connectionId)) {
            text(ctx, 409, "Connection ID is already in use");
            return;
        }
        Context context = Vertx.currentContext();
        request.pause();
        services.presence().claim(connectionId).onFailure().recoverWithItem(true).subscribe().with(fresh -> context.runOnContext(v -> {
            if (fresh) {
                upgrade(request, connectionId);
            } else {
                text(ctx, 409, "Connection ID is already in use");
            }
            request.resume();
        }));
    }

    private void upgrade(HttpServerRequest request, String connectionId) {
        Context context = Vertx.currentContext();
        // Vert.x 4 internal API: the Netty channel, so room frames can skip Vert.x's per-write work
        Channel channel = request.connection() instanceof ConnectionBase base ? base.channel() : null;
        request.toWebSocket().onSuccess(ws -> {
            UpgradedRequests.settle(request); // the 101 ended the HTTP exchange: see UpgradedRequests
            connections.accept(ws, channel, connectionId, context);
        });
    }

    /** During shutdown the client is sent elsewhere: its retry finds another instance. */
    private static void shuttingDown(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        text(ctx, 503, "Server is shutting down: connect to another instance");
    }

    private static void text(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(message + "\n");
    }
}
