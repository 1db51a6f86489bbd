package io.rtc.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Who may call the admin endpoints: the static {@code ADMIN_TOKEN} (compared in constant time), or a JWT
 * that carries the admin role. Anything else is refused: 401 without a valid credential, 403 for a valid
 * token without the role.
 */
public final class AdminAccess {

    /** The answer to one admin request: 0 to let it through, else the status and a one-line reason. */
    public record Decision(int status, String reason) {
        static final Decision ALLOWED = new Decision(0, null);

        public boolean allowed() {
            return status == 0;
        }
    }

    private final byte[] adminToken;
    private final Authenticator authenticator;
    private final String adminRole;

    public AdminAccess(Optional<String> adminToken, Authenticator authenticator, String adminRole) {
        this.adminToken = adminToken.filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.authenticator = authenticator;
        this.adminRole = adminRole;
    }

    public Future<Decision> check(Vertx vertx, String authorizationHeader) {
        String token = Credentials.bearer(authorizationHeader);
        if (token == null) {
            return Future.succeededFuture(new Decision(401, adminToken == null
                    ? "Admin endpoints need a JWT with the role '" + adminRole + "' (ADMIN_TOKEN is not set)"
                    : "Missing bearer token"));
        }
        if (adminToken != null && MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Future.succeededFuture(Decision.ALLOWED);
        }
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return Future.succeededFuture(new Decision(401, "Missing or wrong bearer token"));
        }
        return authenticator.authenticate(vertx, token).map(identity -> identity.hasRole(adminRole) ? Decision.ALLOWED
                : new Decision(403, "This token does not have the role '" + adminRole + "'"))
                .otherwise(e -> new Decision(401, e instanceof AuthException ? e.getMessage() : "Missing or wrong bearer token"));
    }
}
