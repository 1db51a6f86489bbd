package io.rtc.echo.endpoint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.websockets.next.HandshakeRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The plain-HTTP side of the two WebSocket paths: an upgrade on {@code /} is handed to the
 * {@code /echo} endpoint (the seed's client connects to the root), and a request without an upgrade
 * gets a 400 with a hint instead of a 404.
 */
@ApplicationScoped
public class EchoRoutes {

    static final String HINT = "This is a WebSocket endpoint: connect with a WebSocket client, e.g. ws://<host>:<port>"
            + EchoEndpoint.PATH + "\n";

    void install(@Observes Router router) {
        router.get("/").handler(this::root);
        router.get(EchoEndpoint.PATH).handler(this::notAnUpgrade);
    }

    private void root(RoutingContext ctx) {
        if (isUpgrade(ctx)) {
            ctx.reroute(EchoEndpoint.PATH);
        } else {
            notAnUpgrade(ctx);
        }
    }

    private void notAnUpgrade(RoutingContext ctx) {
        if (isUpgrade(ctx)) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8").end(HINT);
    }

    private static boolean isUpgrade(RoutingContext ctx) {
        return ctx.request().headers().contains(HandshakeRequest.SEC_WEBSOCKET_KEY);
    }
}
