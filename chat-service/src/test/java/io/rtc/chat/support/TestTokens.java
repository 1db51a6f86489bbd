package io.rtc.chat.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Tokens for chat-service's tests, minted with smallrye-jwt-build and signed RS256 with the test key in
 * {@code src/test/resources/auth} (whose public half the {@code %test} profile and {@link #instanceEnv} trust).
 */
public final class TestTokens {

    public static final String ISSUER = "https://rtc.test";
    public static final String AUDIENCE = "rtc-chat";
    public static final Path PUBLIC_KEY = Path.of("src", "test", "resources", "auth", "public-key.pem").toAbsolutePath();
    private static final Path PRIVATE_KEY = Path.of("src", "test", "resources", "auth", "private-key.pem").toAbsolutePath();
    private static final PrivateKey KEY = load();

    private TestTokens() {
    }

    /** The settings that make a packaged instance (prod profile) trust these tokens, with a 1 s clock skew. */
    public static Map<String, String> instanceEnv() {
        return Map.of("CHAT_AUTH_KEY_LOCATION", PUBLIC_KEY.toString(), "CHAT_AUTH_ISSUER", ISSUER,
                "CHAT_AUTH_AUDIENCES", AUDIENCE, "CHAT_AUTH_CLOCK_SKEW", "1s");
    }

    /** A token for user {@code subject}, displayed as {@code name}, for the given rooms, valid for an hour. */
    public static String user(String subject, String name, String... rooms) {
        return token(subject).name(name).rooms(rooms).sign();
    }

    public static Builder token(String subject) {
        return new Builder(subject);
    }

    /** What a token says; each setter returns the builder. */
    public static final class Builder {
        private final String subject;
        private String name;
        private List<String> rooms = List.of();
        private List<String> groups = List.of();
        private Instant expires = Instant.now().plus(Duration.ofHours(1));
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private PrivateKey key = KEY;

        private Builder(String subject) {
            this.subject = subject;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder rooms(String... values) {
            rooms = List.of(values);
            return this;
        }

        public Builder groups(String... values) {
            groups = List.of(values);
            return this;
        }

        public Builder expiresIn(Duration lifetime) {
            expires = Instant.now().plus(lifetime);
            return this;
        }

        public Builder issuer(String value) {
            issuer = value;
            return this;
        }

        public Builder audience(String value) {
            audience = value;
            return this;
        }

        /** Signs with a fresh key nobody trusts: a forged token. */
        public Builder forged() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                key = generator.generateKeyPair().getPrivate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        public String sign() {
            JwtClaimsBuilder claims = Jwt.claims().subject(subject).issuer(issuer).audience(audience)
                    .issuedAt(Instant.now().minusSeconds(5).isBefore(expires) ? Instant.now().minusSeconds(5) : expires.minusSeconds(60))
                    .expiresAt(expires);
            if (name != null) {
                claims.preferredUserName(name);
            }
            if (!rooms.isEmpty()) {
                claims.claim("rooms", rooms);
            }
            if (!groups.isEmpty()) {
                claims.groups(Set.copyOf(groups));
            }
            return claims.jws().keyId("test").sign(key);
        }
    }

    private static PrivateKey load() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(PRIVATE_KEY));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test key " + PRIVATE_KEY, e);
        }
    }
}
