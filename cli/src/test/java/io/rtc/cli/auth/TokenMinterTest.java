package io.rtc.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtc.cli.support.Hs256;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

    static final String SECRET = "a-benchmark-secret-of-at-least-32-bytes!";

    static JwtClaims verify(String token, String secret, String issuer, String audience) throws InvalidJwtException {
        return Hs256.verify(token, secret, issuer, audience);
    }

    @Test
    void mintsVerifiableHs256TokensForAUser() throws Exception {
        TokenMinter minter = new TokenMinter(SECRET, null, null, Duration.ofHours(1));

        String token = minter.mint("bench-7");

        JwtClaims claims = verify(token, SECRET, null, null);
        assertThat(claims.getSubject()).isEqualTo("bench-7");
        assertThat(claims.getStringClaimValue("preferred_username")).isEqualTo("bench-7");
        assertThat(claims.getStringListClaimValue("rooms")).containsExactly("*");
        long now = Instant.now().getEpochSecond();
        assertThat(claims.getExpirationTime().getValue()).isBetween(now + 3590, now + 3610);
        assertThat(claims.getIssuedAt().getValue()).isBetween(now - 10, now + 10);
        assertThat(claims.hasClaim("iss")).isFalse();
        assertThat(claims.hasAudience()).isFalse();
        assertThatThrownBy(() -> verify(token, SECRET + "-other", null, null)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void issuerAndAudienceWhenAsked() throws Exception {
        TokenMinter minter = new TokenMinter(SECRET, "https://issuer.example", "rtc-chat", Duration.ofMinutes(5));

        JwtClaims claims = verify(minter.mint("bench-1"), SECRET, "https://issuer.example", "rtc-chat");

        assertThat(claims.getIssuer()).isEqualTo("https://issuer.example");
        assertThat(claims.getAudience()).containsExactly("rtc-chat");
    }

    @Test
    void eachTokenIsItsOwn() {
        TokenMinter minter = new TokenMinter(SECRET, null, null, Duration.ofHours(1));
        assertThat(minter.mint("bench-1")).isNotEqualTo(minter.mint("bench-2")).isNotEqualTo(minter.mint("bench-1"));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new TokenMinter("short", null, null, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes").hasMessageNotContaining("short");
    }
}
