package io.rtc.echo.endpoint;

import io.rtc.common.http.UpgradedRequests;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.rtc.echo.config.EchoConfig;
import io.rtc.echo.metrics.EchoMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.rtc.common.net.NettyChannels;

/**
 * Runs before each upgrade: refuses it with 503 when the instance is full or shutting down, with 429 when its client
 * address is over a per-address limit ({@link AddressGuard}), and otherwise puts the protocol guards
 * ({@link FrameGuard}, UTF-8), the {@link ReadThrottle} (back-pressure and the frame rate) and, unless switched off,
 * the {@link EchoFrameHandler} into the connection's pipeline.
 * <p>
 * Vert.x 4 decodes text frames without checking UTF-8 (bad bytes become U+FFFD) and only raises an
 * exception for a message that outgrows its limit over several frames, leaving the connection open.
 * RFC 6455 wants 1007 and 1009 closes, so {@link FrameGuard} and Netty's UTF-8 validator sit in
 * front of Vert.x's handler. They are added before the handshake: they let HTTP objects pass, and the
 * WebSocket decoder (and the permessage-deflate decoder, when negotiated) are put in front of them.
 */
@ApplicationScoped
public class UpgradeGuard implements HttpUpgradeCheck {

    private static final Map<String, List<String>> RETRY_LATER = Map.of("Retry-After", List.of("5"));
    private static final Map<String, List<String>> RETRY_ELSEWHERE = Map.of("Retry-After", List.of("1"));

    private final EchoMetrics metrics;
    private final EchoConfig config;
    private final GoingAway goingAway;
    private final AddressGuard addresses;

    UpgradeGuard(EchoMetrics metrics, EchoConfig config, GoingAway goingAway, AddressGuard addresses) {
        this.metrics = metrics;
        this.config = config;
        this.goingAway = goingAway;
        this.addresses = addresses;
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
        HttpServerRequest request = context.httpRequest();
        Channel channel = NettyChannels.of(request.connection());
        if (!addresses.admit(request, channel)) {
            // Answered already, with a reason in the body (a rejectUpgrade result can carry none): nothing is
            // left for WebSockets Next to do, so the check never completes and the request ends here.
            return Uni.createFrom().nothing();
        }
        installGuards(channel);
        // the upgrade goes ahead: the request must not hold Quarkus' graceful shutdown (see UpgradedRequests)
        UpgradedRequests.settle(context.httpRequest());
        return CheckResult.permitUpgrade();
    }

    private void installGuards(Channel channel) {
        // The frame guard first: it must see the decoder's failures before anything passes them on.
        if (!NettyChannels.addBeforeVertx(channel, "echo-frame-guard", new FrameGuard(config.maxMessageSize(), metrics))) {
            return;
        }
        NettyChannels.addBeforeVertx(channel, "echo-utf8", new Utf8FrameValidator(true));
        NettyChannels.addBeforeVertx(channel, "echo-read-throttle",
                new ReadThrottle(config.limits().frameRate(), config.limits().frameBurst(), metrics));
        if (config.fastPath()) {
            NettyChannels.addBeforeVertx(channel, "echo-fast-path", new EchoFrameHandler(metrics));
        }
    }
}
