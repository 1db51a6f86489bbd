package io.rtc.fanout.tail;

import io.rtc.common.http.Refuse;
import io.rtc.common.http.UpgradedRequests;
import io.rtc.common.limits.AddressLimits;
import io.rtc.common.limits.Refusals;
import io.rtc.common.net.ClientAddress;
import io.rtc.common.net.TrustedProxies;
import io.rtc.fanout.auth.Access;
import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.metrics.FanoutMetrics;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.netty.channel.Channel;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.rtc.common.net.NettyChannels;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code WebSocket /logs/stream}. A plain Vert.x route rather than a WebSockets Next endpoint: a
 * client that stops reading must be cut at the TCP level, which needs the connection's channel.
 * Before the upgrade, in this order: the client address's connect rate and open connections
 * ({@code fanout.limits.*}, 429 with {@code Retry-After}), then its token ({@link Access}: 401, 403).
 * A refused client never gets a socket.
 */
@Singleton
public class TailRoutes {

    static final String PATH = "/logs/stream";
    /** How often the per-address entries of addresses that hold nothing are forgotten. */
    private static final long SWEEP_MILLIS = 5_000;

    private final TailHub hub;
    private final Access access;
    private final FanoutMetrics metrics;
    private final Vertx vertx;
    private final AddressLimits limits;
    private final TrustedProxies proxies;
    private final int maxPerAddress;
    private long sweeper = -1;

    public TailRoutes(TailHub hub, Access access, FanoutMetrics metrics, Vertx vertx, FanoutConfig config) {
        this.hub = hub;
        this.access = access;
        this.metrics = metrics;
        this.vertx = vertx;
        this.limits = new AddressLimits(config.limits());
        this.proxies = TrustedProxies.of(config.limits().trustedProxies());
        this.maxPerAddress = config.limits().connectionsPerAddress();
    }

    void routes(@Observes Router router) {
        router.route(PATH).handler(this::connect);
        sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> limits.sweep(System.nanoTime()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
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
        String address = ClientAddress.of(request, proxies);
        if (!limits.attempt(address, System.nanoTime())) {
            metrics.refusedRequest(Refusals.CONNECT_RATE);
            Refuse.tooMany(ctx.response(), 1, "Too many new connections from your address: slow down");
            return;
        }
        if (!limits.hasRoom(address)) {
            refuseFull(ctx);
            return;
        }
        access.check(vertx, request, Access.Need.SUBSCRIBE).onSuccess(verdict -> {
            if (verdict.status() == 401) {
                Refuse.unauthorized(ctx.response(), verdict.problem(), verdict.tokenSent());
            } else if (!verdict.allowed()) {
                Refuse.forbidden(ctx.response(), verdict.reason());
            } else if (!limits.open(address, System.nanoTime())) {
                refuseFull(ctx); // others from the address took the last places meanwhile
            } else {
                upgrade(request, address);
            }
        });
    }

    private void refuseFull(RoutingContext ctx) {
        metrics.refusedRequest(Refusals.ADDRESS_CONNECTIONS);
        Refuse.tooMany(ctx.response(), 1, "Too many open connections from your address (at most " + maxPerAddress + ")");
    }

    /** Upgrades a client already counted against its address; the count is given back when its connection is gone. */
    private void upgrade(HttpServerRequest request, String address) {
        // the Netty channel, to cut a client that stopped reading
        Channel channel = NettyChannels.of(request.connection());
        request.toWebSocket().onSuccess(ws -> {
            UpgradedRequests.settle(request); // the 101 ended the HTTP exchange: see UpgradedRequests
            TailClient client = new TailClient(ws, channel, hub, () -> limits.close(address));
            client.start();
            if (hub.stopping()) {
                client.close((short) 1001, "Server shutting down");
            }
        }).onFailure(e -> limits.close(address));
    }
}
