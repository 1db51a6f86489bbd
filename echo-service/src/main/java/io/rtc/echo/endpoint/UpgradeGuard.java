package io.rtc.echo.endpoint;

import io.rtc.common.http.UpgradedRequests;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.rtc.echo.config.EchoConfig;
import io.rtc.echo.metrics.EchoMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Runs before each upgrade: refuses it with 503 when the instance is full or shutting down, and otherwise puts the
 * protocol guards ({@link FrameGuard}, UTF-8), the {@link ReadThrottle} and, unless switched off, the
 * {@link EchoFrameHandler} into the connection's pipeline.
 * <p>
 * Vert.x 4 decodes text frames without checking UTF-8 (bad bytes become U+FFFD) and only raises an
 * exception for a message that outgrows its limit over several frames, leaving the connection open.
 * RFC 6455 wants 1007 and 1009 closes, so {@link FrameGuard} and Netty's UTF-8 validator sit in
 * front of Vert.x's handler. They are added before the handshake: they let HTTP objects pass, and the
 * WebSocket decoder (and the permessage-deflate decoder, when negotiated) are put in front of them.
 */
@ApplicationScoped
public class UpgradeGuard implements HttpUpgradeCheck {

    private static final String VERTX_HANDLER = "handler";
    private static final Map<String, List<String>> RETRY_LATER = Map.of("Retry-After", List.of("5"));
    private static final Map<String, List<String>> RETRY_ELSEWHERE = Map.of("Retry-After", List.of("1"));

    private final EchoMetrics metrics;
    private final EchoConfig config;
    private final GoingAway goingAway;

    UpgradeGuard(EchoMetrics metrics, EchoConfig config, GoingAway goingAway) {
        this.metrics = metrics;
        this.config = config;
        this.goingAway = goingAway;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (goingAway.stopping()) {
            return CheckResult.rejectUpgrade(503, RETRY_ELSEWHERE);
        }
        if (metrics.open() >= config.maxConnections()) {
            metrics.rejected();
            return CheckResult.rejectUpgrade(503, RETRY_LATER);
        }
        installGuards(context.httpRequest().connection());
        // the upgrade goes ahead: the request must not hold Quarkus' graceful shutdown (see UpgradedRequests)
        UpgradedRequests.settle(context.httpRequest());
        return CheckResult.permitUpgrade();
    }

    private void installGuards(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        if (pipeline.get(VERTX_HANDLER) == null || pipeline.get(FrameGuard.class) != null) {
            return;
        }
        // The frame guard first: it must see the decoder's failures before anything passes them on.
        pipeline.addBefore(VERTX_HANDLER, "echo-frame-guard", new FrameGuard(config.maxMessageSize(), metrics));
        pipeline.addBefore(VERTX_HANDLER, "echo-utf8", new Utf8FrameValidator(true));
        pipeline.addBefore(VERTX_HANDLER, "echo-read-throttle", new ReadThrottle());
        if (config.fastPath()) {
            pipeline.addBefore(VERTX_HANDLER, "echo-fast-path", new EchoFrameHandler(metrics));
        }
    }
}
