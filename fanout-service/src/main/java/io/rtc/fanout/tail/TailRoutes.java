package io.rtc.fanout.tail;

import io.rtc.common.http.UpgradedRequests;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code WebSocket /logs/stream}. A plain Vert.x route rather than a WebSockets Next endpoint: a
 * client that stops reading must be cut at the TCP level, which needs the connection's channel.
 */
@Singleton
public class TailRoutes {

    static final String PATH = "/logs/stream";

    private final TailHub hub;

    public TailRoutes(TailHub hub) {
        this.hub = hub;
    }

    void routes(@Observes Router router) {
        router.route(PATH).handler(this::connect);
    }

    private void connect(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("This is a WebSocket endpoint: connect with a WebSocket client (e.g. rtc subscribe)\n");
            return;
        }
        if (hub.stopping()) {
            ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "1")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("Server is shutting down: connect to another instance\n");
            return;
        }
        // Vert.x 4 internal API: the Netty channel, to cut a client that stopped reading
        Channel channel = request.connection() instanceof ConnectionBase base ? base.channel() : null;
        request.toWebSocket().onSuccess(ws -> {
            UpgradedRequests.settle(request); // the 101 ended the HTTP exchange: see UpgradedRequests
            TailClient client = new TailClient(ws, channel, hub);
            client.start();
            if (hub.stopping()) {
                client.close((short) 1001, "Server shutting down");
            }
        });
    }
}
