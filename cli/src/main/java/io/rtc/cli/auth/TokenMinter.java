package io.rtc.cli.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.build.spi.JwtProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 tokens with a shared secret, the way a service configured with {@code auth.hmac-secret}
 * verifies them: {@code sub} and {@code preferred_username} the user, {@code rooms ["*"]}, optional
 * {@code iss} and {@code aud}, issued now and valid for {@code lifetime}. For load tests, where every
 * simulated client should be a user of its own.
 */
public final class TokenMinter {

    /** What the services ask of an HS256 secret (as RFC 7518 does: a key as long as the hash). */
    public static final int MIN_SECRET_BYTES = 32;

    private final JwtProvider jwt = JwtProvider.provider();
    private final SecretKey key;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;

    /**
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public TokenMinter(String secret, String issuer, String audience, Duration lifetime) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("--hmac-secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (UTF-8), as the services require for HS256");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
    }

    public String mint(String user) {
        long now = Instant.now().getEpochSecond();
        JwtClaimsBuilder claims = jwt.claims()
                .subject(user)
                .preferredUserName(user)
                .claim("rooms", List.of("*"))
                .issuedAt(now)
                .expiresAt(now + lifetime.toSeconds());
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        return claims.jws().algorithm(SignatureAlgorithm.HS256).sign(key);
    }
}
