package io.rtc.chat.endpoint;

import jakarta.inject.Singleton;

import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.hub.HubServices;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.common.auth.AuthException;
import io.rtc.common.auth.Authenticator;
import io.rtc.common.auth.Credentials;
import io.rtc.common.auth.Identity;
import io.rtc.common.http.Refuse;
import io.rtc.common.limits.AddressLimits;
import io.rtc.common.limits.Refusals;
import io.rtc.common.net.ClientAddress;
import io.rtc.common.net.TrustedProxies;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may negotiate and connect: the client address's connect rate and connection count, the token, and
 * the signed-in user's connections over all instances. Each refusal is answered (401, 429 with
 * Retry-After) and counted before any state is created.
 */
@Singleton
public class Admission {

    private final Authenticator authenticator;
    private final AddressLimits addresses;
    private final TrustedProxies proxies;
    private final ChatConfig.Limits limits;
    private final ChatMetrics metrics;
    private final HubServices services;
    private final Vertx vertx;
    private final long sweepTimer;

    public Admission(Authenticator authenticator, AddressLimits addresses, TrustedProxies proxies, ChatConfig config,
            ChatMetrics metrics, HubServices services, Vertx vertx) {
        this.authenticator = authenticator;
        this.addresses = addresses;
        this.proxies = proxies;
        this.limits = config.limits();
        this.metrics = metrics;
        this.services = services;
        this.vertx = vertx;
        this.sweepTimer = vertx.setPeriodic(10_000, id -> addresses.sweep(System.nanoTime()));
    }

    /** The client's address, or null after answering 429 when it connects too fast or holds too many connections. */
    String address(RoutingContext ctx) {
        String address = ClientAddress.of(ctx.request(), proxies);
        if (!addresses.attempt(address, System.nanoTime())) {
            metrics.refused(Refusals.CONNECT_RATE);
            Refuse.tooMany(ctx.response(), Math.max(1, Math.round(1 / Math.max(limits.connectRate(), 0.01))),
                    "Too many connection attempts from " + address + ": at most " + limits.connectRate() + " per second");
            return null;
        }
        if (!addresses.hasRoom(address)) {
            refuseAddress(ctx);
            return null;
        }
        return address;
    }

    /** Counts an open connection of the address; false after answering 429 when it holds the most already. */
    boolean openFor(RoutingContext ctx, String address) {
        if (addresses.open(address, System.nanoTime())) {
            return true;
        }
        refuseAddress(ctx);
        return false;
    }

    void closedFor(String address) {
        addresses.close(address);
    }

    /** The request's identity (null: anonymous); failed with the reason when it must be refused with 401. */
    Future<Identity> identity(HttpServerRequest request) {
        return authenticator.authenticate(vertx, request);
    }

    /** Answers a failed {@link #identity} with 401, or 500 for anything that is not a token problem. */
    void unauthorized(RoutingContext ctx, Throwable failure) {
        if (failure instanceof AuthException refused) {
            metrics.refused(Refusals.UNAUTHENTICATED);
            Refuse.unauthorized(ctx.response(), refused, Credentials.of(ctx.request()) != null);
        } else {
            Refuse.text(ctx.response(), 500, "Could not check the token");
        }
    }

    /** True when the user may open one more connection (checked at negotiate; counted at the upgrade). */
    Uni<Boolean> userHasRoom(Identity identity) {
        if (identity == null || limits.connectionsPerUser() <= 0) {
            return Uni.createFrom().item(true);
        }
        // Redis away: the upgrade's count is the one that holds; negotiate does not block on it
        return services.presence().userConnections(identity.subject()).map(n -> n < limits.connectionsPerUser())
                .onFailure().recoverWithItem(true);
    }

    /** Counts the connection for its user over all instances; false when the user holds the most already. */
    Uni<Boolean> connectUser(Identity identity, String connectionId) {
        if (identity == null) {
            return Uni.createFrom().item(true);
        }
        return services.presence().connectUser(identity.subject(), connectionId, limits.connectionsPerUser())
                .onFailure().recoverWithItem(true);
    }

    void disconnectUser(Identity identity, String connectionId) {
        if (identity != null) {
            services.presence().disconnectUser(identity.subject(), connectionId).subscribe().with(ok -> {
            }, e -> {
            });
        }
    }

    void refuseUser(RoutingContext ctx) {
        metrics.refused(ChatMetrics.USER_CONNECTIONS);
        Refuse.tooMany(ctx.response(), 5, "This user holds " + limits.connectionsPerUser()
                + " connections already, the most one user may: close one first");
    }

    private void refuseAddress(RoutingContext ctx) {
        metrics.refused(Refusals.ADDRESS_CONNECTIONS);
        Refuse.tooMany(ctx.response(), 5, "Too many connections from this address: at most "
                + limits.connectionsPerAddress() + " on this instance");
    }

    /** A connection ended: its address and user counts go. */
    void release(io.rtc.chat.session.HubConnections.Client client) {
        closedFor(client.address());
        disconnectUser(client.identity(), client.connectionId());
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        vertx.cancelTimer(sweepTimer);
    }
}
