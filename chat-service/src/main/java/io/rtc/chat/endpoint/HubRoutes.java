package io.rtc.chat.endpoint;

import java.util.Objects;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.netty.channel.Channel;
import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.hub.HubServices;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.common.auth.Identity;
import io.rtc.common.http.UpgradedRequests;
import io.rtc.common.limits.Refusals;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The hub's HTTP surface: {@code POST /chatHub/negotiate} and the WebSocket at {@code /chatHub}, each
 * admitted first ({@link Admission}: address limits, token, the user's connections).
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
    private final Admission admission;
    private final ChatMetrics metrics;

    public HubRoutes(ConnectionTokens tokens, HubConnections connections, HubServices services, ChatConfig config,
            Admission admission, ChatMetrics metrics) {
        this.tokens = tokens;
        this.connections = connections;
        this.services = services;
        this.cors = new Cors(config.allowedOrigins());
        this.admission = admission;
        this.metrics = metrics;
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
            } else if (admission.address(ctx) != null) {
                Context context = Vertx.currentContext();
                admission.identity(request).onFailure(e -> admission.unauthorized(ctx, e))
                        .onSuccess(identity -> admission.userHasRoom(identity).subscribe().with(room -> context.runOnContext(v -> {
                            if (room) {
                                answerNegotiate(ctx, version, identity);
                            } else {
                                admission.refuseUser(ctx);
                            }
                        })));
            }
        }
    }

    private void answerNegotiate(RoutingContext ctx, int version, Identity identity) {
        String connectionId = tokens.newConnectionId();
        String token = tokens.issue(connectionId, identity == null ? null : identity.subject());
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Negotiation.answer(version, connectionId, token));
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
        ConnectionTokens.Bound bound = token == null ? null : tokens.open(token);
        if (token != null && bound == null) {
            text(ctx, 404, "No Connection with that ID");
            return;
        }
        if (bound != null && connections.isOpen(bound.connectionId())) {
            text(ctx, 409, "Connection ID is already in use");
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
                text(ctx, 403, "This connection was negotiated by another user: negotiate with your own token");
            } else {
                // skipNegotiation: the id is ours to pick, and nobody can have used it
                String connectionId = bound == null ? tokens.newConnectionId() : bound.connectionId();
                Uni<Boolean> fresh = bound == null ? Uni.createFrom().item(true)
                        : services.presence().claim(connectionId).onFailure().recoverWithItem(true);
                admit(ctx, context, fresh, connectionId, checked.result(), address);
                return;
            }
            request.resume();
        });
    }

    /** After the token checks: the one-time use of the connection token, the user's and the address's counts. */
    private void admit(RoutingContext ctx, Context context, Uni<Boolean> fresh, String connectionId, Identity identity, String address) {
        HttpServerRequest request = ctx.request();
        fresh.flatMap(unused -> unused ? admission.connectUser(identity, connectionId).map(room -> room ? Admit.OK : Admit.USER_FULL)
                : Uni.createFrom().item(Admit.IN_USE))
                .subscribe().with(verdict -> context.runOnContext(v -> {
                    if (verdict == Admit.IN_USE) {
                        text(ctx, 409, "Connection ID is already in use");
                    } else if (verdict == Admit.USER_FULL) {
                        admission.refuseUser(ctx);
                    } else if (!admission.openFor(ctx, address)) {
                        admission.disconnectUser(identity, connectionId);
                    } else {
                        upgrade(request, connectionId, identity, address);
                    }
                    request.resume();
                }));
    }

    private enum Admit {
        OK,
        IN_USE,
        USER_FULL
    }

    private void upgrade(HttpServerRequest request, String connectionId, Identity identity, String address) {
        Context context = Vertx.currentContext();
        // Vert.x 4 internal API: the Netty channel, so room frames can skip Vert.x's per-write work
        Channel channel = request.connection() instanceof ConnectionBase base ? base.channel() : null;
        request.toWebSocket().onSuccess(ws -> {
            UpgradedRequests.settle(request); // the 101 ended the HTTP exchange: see UpgradedRequests
            connections.accept(ws, channel, new HubConnections.Client(connectionId, identity, address), context);
        }).onFailure(e -> {
            admission.closedFor(address);
            admission.disconnectUser(identity, connectionId);
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
