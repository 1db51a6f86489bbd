package io.rtc.fanout.auth;

import jakarta.inject.Singleton;

import io.rtc.common.auth.AuthException;
import io.rtc.common.auth.Authenticator;
import io.rtc.common.auth.Credentials;
import io.rtc.common.auth.Identity;
import io.rtc.common.limits.Refusals;
import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.metrics.FanoutMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who may publish ({@code POST /api/logs}) and read ({@code GET /api/logs}, {@code /logs/stream}). A token that
 * is sent must be valid (401 otherwise), in either mode. With {@code fanout.auth.required=true} a token is needed
 * and must carry the publisher or subscriber role, or the admin role (403 otherwise); without it, a request
 * without a token is anonymous and a valid token only names the client (no role is asked for: dropping the token
 * would get the same access). Every refusal is counted by reason; the token itself goes nowhere but the verifier.
 */
@Singleton
public class Access {

    /** What a request wants to do. */
    public enum Need {
        PUBLISH,
        SUBSCRIBE
    }

    /**
     * The answer to one request: allowed (status 0) with the client's identity (null: anonymous), or the status
     * (401, 403) and a one-line reason; {@code tokenSent} tells a 401 for a bad token from one for a missing one.
     */
    public record Verdict(Identity identity, int status, String reason, boolean tokenSent) {
        public boolean allowed() {
            return status == 0;
        }

        /** The reason of a 401, as {@link io.rtc.common.http.Refuse} takes it. */
        public AuthException problem() {
            return new AuthException(reason);
        }
    }

    private final Authenticator authenticator;
    private final FanoutConfig.Auth config;
    private final FanoutMetrics metrics;

    public Access(Authenticator authenticator, FanoutConfig config, FanoutMetrics metrics) {
        this.authenticator = authenticator;
        this.config = config.auth();
        this.metrics = metrics;
    }

    /** Checks the request's token ({@code Authorization: Bearer} or {@code access_token}); never fails. */
    public Future<Verdict> check(Vertx vertx, HttpServerRequest request, Need need) {
        String token = Credentials.of(request);
        return authenticator.authenticate(vertx, token).map(identity -> decide(identity, need)).otherwise(failure -> {
            metrics.refusedRequest(Refusals.UNAUTHENTICATED);
            return new Verdict(null, 401, failure instanceof AuthException ? failure.getMessage()
                    : "Invalid token: it cannot be verified", token != null);
        });
    }

    private Verdict decide(Identity identity, Need need) {
        if (identity == null || !authenticator.required()) {
            return new Verdict(identity, 0, null, identity != null);
        }
        String role = need == Need.PUBLISH ? config.publisherRole() : config.subscriberRole();
        if (identity.hasRole(role) || identity.hasRole(config.adminRole())) {
            return new Verdict(identity, 0, null, true);
        }
        metrics.refusedRequest(Refusals.FORBIDDEN);
        return new Verdict(identity, 403, "This token does not have the role '" + role + "'", true);
    }
}
