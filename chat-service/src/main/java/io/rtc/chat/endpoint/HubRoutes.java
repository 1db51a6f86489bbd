package io.rtc.chat.endpoint;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.session.HubConnections;
import io.rtc.chat.transport.Transport;
import io.rtc.common.auth.Identity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The hub's HTTP surface, as SignalR's transport spec lays it out: {@code POST /chatHub/negotiate},
 * then on {@code /chatHub} a WebSocket upgrade, a {@code GET} with {@code Accept: text/event-stream}
 * (Server-Sent Events), any other {@code GET} (a long poll), {@code POST} (a send of either
 * half-transport) and {@code DELETE} (the end of a long-polling connection). Plain Vert.x routes,
 * because refusals must carry SignalR's HTTP statuses after asynchronous checks in Redis, and
 * frames are read raw so records can span them.
 */
@Singleton
public class HubRoutes {

    static final String HUB = "/chatHub";

    private final ConnectionTokens tokens;
    private final HubConnections connections;
    private final ChatConfig config;
    private final Cors cors;
    private final Admission admission;
    private final Opening opening;
    private final Sends sends;
    private final Polls polls;

    public HubRoutes(ConnectionTokens tokens, HubConnections connections, ChatConfig config, Admission admission,
            Opening opening, Sends sends, Polls polls) {
        this.tokens = tokens;
        this.connections = connections;
        this.config = config;
        this.cors = new Cors(config.allowedOrigins());
        this.admission = admission;
        this.opening = opening;
        this.sends = sends;
        this.polls = polls;
    }

    void routes(@Observes Router router) {
        router.route(HUB + "/negotiate").handler(this::negotiate);
        router.route(HUB).handler(this::connection);
    }

    private void negotiate(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!cors.admit(request)) {
            Answers.text(ctx, 403, "Origin not allowed");
        } else if (request.method() == HttpMethod.OPTIONS) {
            cors.preflight(request);
        } else if (connections.stopping()) {
            Answers.shuttingDown(ctx);
        } else if (request.method() != HttpMethod.POST) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST, OPTIONS");
            Answers.text(ctx, 405, "Negotiate with POST");
        } else {
            int version = Negotiation.requestedVersion(request.getParam("negotiateVersion"));
            if (version < 0) {
                Answers.text(ctx, 400, "negotiateVersion must be a number");
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
        boolean stateful = "true".equalsIgnoreCase(ctx.request().getParam("useStatefulReconnect"));
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Negotiation.answer(version, connectionId, token, config, stateful));
    }

    private void connection(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!cors.admit(request)) {
            Answers.text(ctx, 403, "Origin not allowed");
            return;
        }
        HttpMethod method = request.method();
        if (method == HttpMethod.OPTIONS) {
            cors.preflight(request);
        } else if (method == HttpMethod.GET && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            opening.open(ctx, Transport.Kind.WEB_SOCKETS);
        } else if (method == HttpMethod.GET && accepts(request, "text/event-stream")) {
            opening.open(ctx, Transport.Kind.SERVER_SENT_EVENTS);
        } else if (method == HttpMethod.GET) {
            polls.poll(ctx);
        } else if (method == HttpMethod.POST) {
            sends.post(ctx);
        } else if (method == HttpMethod.DELETE) {
            sends.delete(ctx);
        } else {
            ctx.response().putHeader(HttpHeaders.ALLOW, "GET, POST, DELETE, OPTIONS");
            Answers.text(ctx, 405, "The hub takes GET (WebSocket, Server-Sent Events, long polling), POST and DELETE");
        }
    }

    private static boolean accepts(HttpServerRequest request, String type) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(type);
    }
}
