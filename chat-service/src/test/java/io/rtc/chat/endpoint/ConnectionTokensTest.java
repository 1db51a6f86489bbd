package io.rtc.chat.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.rtc.chat.config.ChatConfig;

class ConnectionTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static ConnectionTokens tokens(String secret, Instant now) {
        return new ConnectionTokens(config(secret), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenFromOneInstanceIsValidOnAnotherWithTheSameSecret() {
        ConnectionTokens a = tokens("shared", NOW);
        String id = a.newConnectionId();
        assertThat(id).hasSize(22);
        assertThat(tokens("shared", NOW).verify(a.issue(id))).isEqualTo(id);
    }

    @Test
    void aDifferentSecretOrATamperedTokenIsRejected() {
        String token = tokens("shared", NOW).issue("abc");
        assertThat(tokens("other", NOW).verify(token)).isNull();
        assertThat(tokens("shared", NOW).verify("abd" + token.substring(3))).isNull();
        assertThat(tokens("shared", NOW).verify("abc")).isNull();
        assertThat(tokens("shared", NOW).verify("abc.x.y")).isNull();
    }

    @Test
    void anExpiredTokenIsRejected() {
        String token = tokens("shared", NOW).issue("abc");
        assertThat(tokens("shared", NOW.plus(Duration.ofMinutes(4))).verify(token)).isEqualTo("abc");
        assertThat(tokens("shared", NOW.plus(Duration.ofMinutes(6))).verify(token)).isNull();
    }

    /** A configuration with the defaults and the given secret. */
    static ChatConfig config(String secret) {
        return (ChatConfig) java.lang.reflect.Proxy.newProxyInstance(ChatConfig.class.getClassLoader(),
                new Class<?>[] { ChatConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "tokenSecret" -> Optional.of(secret);
                    case "tokenLifetime" -> Duration.ofMinutes(5);
                    case "allowedOrigins" -> List.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
