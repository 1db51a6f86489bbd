package io.rtc.fanout.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * HS256 tokens as an identity provider would issue them for the tests' profile ({@code %test.fanout.auth.*} in
 * application.properties): this secret, issuer and audience, roles in {@code groups}, five minutes of validity.
 */
public final class Tokens {

    public static final String SECRET = "test-secret-of-fanout-service-at-least-32-bytes";
    public static final String ISSUER = "https://issuer.test.rtc";
    public static final String AUDIENCE = "fanout-service";
    public static final String PUBLISHER = "logs-publisher";
    public static final String SUBSCRIBER = "logs-subscriber";
    public static final String ADMIN = "logs-admin";

    private Tokens() {
    }

    /** A valid token of {@code subject} with these roles. */
    public static String of(String subject, String... roles) {
        return sign(claims(subject, roles));
    }

    /** The claims of a valid token, to change one before {@link #sign}. */
    public static JwtClaimsBuilder claims(String subject, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(Set.of(roles)).expiresIn(Duration.ofMinutes(5));
    }

    public static String sign(JwtClaimsBuilder claims) {
        return sign(claims, SECRET);
    }

    public static String sign(JwtClaimsBuilder claims, String secret) {
        SecretKey key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return claims.jws().algorithm(SignatureAlgorithm.HS256).sign(key);
    }

    /** A token that expired ten minutes ago, well past the verifier's clock skew. */
    public static String expired(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(claims(subject, roles).issuedAt(now.minus(Duration.ofMinutes(20))).expiresAt(now.minus(Duration.ofMinutes(10))));
    }
}
