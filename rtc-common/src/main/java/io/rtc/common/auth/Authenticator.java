package io.rtc.common.auth;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Verifies bearer JWTs with smallrye-jwt (signature, {@code iss}, {@code aud}, {@code exp} and {@code nbf}
 * with the clock skew) and turns them into an {@link Identity}. One parser is built at start from
 * MicroProfile JWT's settings with this service's overrides, so the key is read once and cached, not per
 * token. Each service makes one with a CDI producer.
 */
public final class Authenticator {

    private final JWTParser parser;
    private final AuthSettings settings;
    private final String grantsClaim;
    private final boolean keyConfigured;
    private final boolean remoteKeys;
    private final int skewSeconds;

    /**
     * @param base MicroProfile JWT's context ({@code mp.jwt.verify.*}), as the extension produces it
     * @param grantsClaim the claim that becomes {@link Identity#grants()}, or null
     */
    public Authenticator(JWTAuthContextInfo base, AuthSettings settings, String grantsClaim) {
        this.settings = settings;
        this.grantsClaim = grantsClaim;
        JWTAuthContextInfo info = base == null ? new JWTAuthContextInfo() : new JWTAuthContextInfo(base);
        if (settings.hmacSecret().isPresent()) {
            byte[] secret = settings.hmacSecret().get().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException("auth.hmac-secret must be at least 32 bytes for HS256");
            }
            info.setPublicKeyContent(null);
            info.setPublicKeyLocation(null);
            info.setSecretVerificationKey(new SecretKeySpec(secret, "HmacSHA256"));
            info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        } else if (settings.keyLocation().isPresent()) {
            info.setPublicKeyContent(null);
            info.setPublicKeyLocation(settings.keyLocation().get().trim());
        }
        settings.algorithms().filter(a -> settings.hmacSecret().isEmpty()).ifPresent(names -> {
            Set<SignatureAlgorithm> algorithms = EnumSet.noneOf(SignatureAlgorithm.class);
            names.forEach(name -> algorithms.add(SignatureAlgorithm.fromAlgorithm(name.trim())));
            info.setSignatureAlgorithm(algorithms);
        });
        settings.issuer().ifPresent(info::setIssuedBy);
        settings.audiences().ifPresent(audiences -> info.setExpectedAudience(new HashSet<>(audiences)));
        settings.clockSkew().ifPresent(skew -> info.setClockSkew((int) skew.toSeconds()));
        this.skewSeconds = info.getClockSkew();
        this.keyConfigured = info.getSecretVerificationKey() != null || info.getPublicVerificationKey() != null
                || info.getPublicKeyContent() != null || info.getPublicKeyLocation() != null;
        String location = info.getPublicKeyLocation();
        this.remoteKeys = location != null && location.startsWith("http");
        if (settings.required() && !keyConfigured) {
            throw new IllegalStateException("auth.required is true but no key verifies tokens: set auth.key-location,"
                    + " auth.hmac-secret or mp.jwt.verify.publickey.location");
        }
        this.parser = new DefaultJWTParser(info);
    }

    /** True when a request without a token is refused. */
    public boolean required() {
        return settings.required();
    }

    /** Seconds a token is still accepted after its {@code exp}. */
    public int skewSeconds() {
        return skewSeconds;
    }

    /** The verified identity of a token (signature, issuer, audience, times); the reason otherwise. */
    public Identity verify(String token) throws AuthException {
        if (!keyConfigured) {
            throw new AuthException("Tokens are not accepted here: no verification key is configured");
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw new AuthException(TokenProblem.describe(e));
        } catch (RuntimeException e) {
            throw new AuthException("Invalid token: it is not a signed JWT");
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new AuthException("Invalid token: it has no subject (sub)");
        }
        String name = Claims.text(jwt, settings.nameClaim());
        Set<String> roles = Set.copyOf(Claims.list(jwt, settings.rolesClaim()));
        List<String> grants = grantsClaim == null ? List.of() : List.copyOf(Claims.list(jwt, grantsClaim));
        return new Identity(subject, name == null || name.isBlank() ? subject : name, roles, grants, jwt.getExpirationTime());
    }

    /**
     * The identity of a request's token (header or {@code access_token} query parameter): null for none when
     * tokens are optional, failed with an {@link AuthException} for a missing (when required) or bad one.
     * Tokens checked against a remote JWKS are verified off the event loop, since smallrye-jwt fetches the keys
     * synchronously.
     */
    public Future<Identity> authenticate(Vertx vertx, HttpServerRequest request) {
        return authenticate(vertx, Credentials.of(request));
    }

    public Future<Identity> authenticate(Vertx vertx, String token) {
        if (token == null) {
            return settings.required() ? Future.failedFuture(new AuthException("A bearer token is required: send"
                    + " Authorization: Bearer <jwt> (or access_token=<jwt> where headers cannot be set)"))
                    : Future.succeededFuture();
        }
        if (remoteKeys) {
            return vertx.executeBlocking(() -> verify(token), false);
        }
        try {
            return Future.succeededFuture(verify(token));
        } catch (AuthException e) {
            return Future.failedFuture(e);
        }
    }
}
