package io.rtc.echo.endpoint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.netty.channel.Channel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rtc.common.http.Refuse;
import io.rtc.common.limits.AddressLimits;
import io.rtc.common.limits.Refusals;
import io.rtc.common.net.ClientAddress;
import io.rtc.common.net.TrustedProxies;
import io.rtc.echo.config.EchoConfig;
import io.rtc.echo.metrics.EchoMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The per-address limits of {@code echo.limits}: how fast one client address may open connections and how many
 * it may hold. {@link UpgradeGuard} asks before each upgrade; a refusal is a 429 with {@code Retry-After} and a
 * one-line reason, counted in {@code echo_refused_total{reason}}. An admitted connection counts against its
 * address until its TCP connection closes, however it closes (close handshake, reset, dead peer).
 */
@ApplicationScoped
public class AddressGuard {

    /** How often addresses that hold nothing and have their full burst again are forgotten. */
    private static final long SWEEP_MS = 10_000;
    /** A client over its connection count has to wait for one of its own connections to close. */
    private static final long COUNT_RETRY_AFTER_S = 5;

    private final AddressLimits limits;
    private final TrustedProxies proxies;
    private final EchoMetrics metrics;
    private final Vertx vertx;
    private final boolean counting;
    private final long rateRetryAfterSeconds;
    private final String tooMany;
    private final String tooFast;
    private long timerId = -1;

    AddressGuard(EchoConfig config, EchoMetrics metrics, Vertx vertx) {
        EchoConfig.Limits settings = config.limits();
        this.limits = new AddressLimits(settings);
        this.proxies = TrustedProxies.of(settings.trustedProxies());
        this.metrics = metrics;
        this.vertx = vertx;
        this.counting = settings.connectionsPerAddress() > 0;
        this.rateRetryAfterSeconds = settings.connectRate() > 0
                ? Math.max(1, (long) Math.ceil(1 / settings.connectRate() - 1e-9)) // the wait for one token
                : 1;
        this.tooMany = "Too many connections from your address: at most " + settings.connectionsPerAddress()
                + " at a time";
        this.tooFast = "Connecting too fast: at most " + number(settings.connectRate())
                + " new connections per second from one address";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(SWEEP_MS, id -> limits.sweep(System.nanoTime()));
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timerId);
    }

    /**
     * Counts the upgrade against its client address. True when it may go ahead; the connection then counts until
     * {@code channel} closes (null: the connection is not counted, only rated). False when it was refused: the
     * 429 has been sent and the TCP connection closes after it, so a refused client holds no socket either.
     */
    boolean admit(HttpServerRequest request, Channel channel) {
        String address = ClientAddress.of(request, proxies);
        long now = System.nanoTime();
        if (!limits.attempt(address, now)) {
            refuse(request.response(), rateRetryAfterSeconds, tooFast, Refusals.CONNECT_RATE);
            return false;
        }
        if (counting && channel != null) {
            if (!limits.open(address, now)) {
                refuse(request.response(), COUNT_RETRY_AFTER_S, tooMany, Refusals.ADDRESS_CONNECTIONS);
                return false;
            }
            channel.closeFuture().addListener(closed -> limits.close(address));
        }
        return true;
    }

    private void refuse(HttpServerResponse response, long retryAfterSeconds, String reason, String counted) {
        metrics.refusals().count(counted);
        response.putHeader("Connection", "close");
        Refuse.tooMany(response, retryAfterSeconds, reason);
        response.close(); // after the response is written
    }
}
