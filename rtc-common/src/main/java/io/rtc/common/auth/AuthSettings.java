package io.rtc.common.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The token settings every service shares; each service's {@code @ConfigMapping} has an {@code auth} group
 * that extends this (so {@code chat.auth.required} is {@code CHAT_AUTH_REQUIRED}). The key, issuer, audience
 * and clock skew default to MicroProfile JWT's standard settings ({@code mp.jwt.verify.*}); set here, they
 * override them for this service.
 */
public interface AuthSettings {

    /** Refuse every client without a valid token (401); when false, clients without a token are anonymous. */
    @WithDefault("false")
    boolean required();

    /** Where the public key (PEM, JWK or JWKS; a file, classpath: or https: location) is; else mp.jwt.verify.publickey.location. */
    Optional<String> keyLocation();

    /** HS256 shared secret (at least 32 bytes) that signs the tokens, instead of a public key. */
    Optional<String> hmacSecret();

    /** Signature algorithms accepted with the public key (RS256, ES256, ...); else mp.jwt.verify.publickey.algorithm (RS256). */
    Optional<List<String>> algorithms();

    /** Expected {@code iss} claim; else mp.jwt.verify.issuer (none: any issuer). */
    Optional<String> issuer();

    /** Accepted {@code aud} values (one must match); else mp.jwt.verify.audiences (none: any audience). */
    Optional<List<String>> audiences();

    /** Leeway on {@code exp} and {@code nbf} for clocks that disagree; else mp.jwt.verify.clock.skew (60 s). */
    Optional<Duration> clockSkew();

    /** Claim that carries the display name; {@code sub} when the token has no such claim. */
    @WithDefault("preferred_username")
    String nameClaim();

    /** Claim that lists the roles (a JSON array or a space-separated string; {@code a/b} reaches into objects). */
    @WithDefault("groups")
    String rolesClaim();
}
