package io.rtc.chat.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.rtc.chat.support.ChatInstance;
import io.rtc.chat.support.TestTokens;

/**
 * Signed-in clients of the official {@code @microsoft/signalr} Node client ({@code accessTokenFactory})
 * against two packaged instances with auth required, sharing one Redis and one connection-token secret:
 * signed-in names across instances, a forged name and a room outside the claim refused, the admin role,
 * no/expired/wrong-issuer/wrong-audience/forged tokens refused with 401 at negotiate and at a direct
 * upgrade, the connection token bound to its user, and a token that expires mid-connection: Close with
 * allowReconnect, then the client's automatic reconnect with a fresh token. The tokens are minted here
 * (RS256, {@link TestTokens}) and passed to {@code src/test/node/signalr-auth.mjs} in its environment;
 * its output is in target/node-signalr-auth.log. Neither the script's output nor the instances' logs may
 * hold a token.
 */
class NodeSignalRAuthIT {

    /** Long enough for Node to start and connect under load; the instances allow 1 s of clock skew. */
    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(6);

    @Test
    void signedInOfficialNodeClientsAgainstTwoInstances() throws Exception {
        NodeScript.requireInstalled("@microsoft/signalr", "ws");
        Map<String, String> env = new HashMap<>(TestTokens.instanceEnv());
        env.put("CHAT_AUTH_REQUIRED", "true");
        env.put("CHAT_TOKEN_SECRET", "it-secret-" + UUID.randomUUID());
        try (ChatInstance one = ChatInstance.start(env); ChatInstance two = ChatInstance.start(env)) {
            // minted once both instances are up, so the short token's seconds are the script's
            Map<String, String> tokens = new LinkedHashMap<>();
            tokens.put("alice", TestTokens.user("user-alice", "alice", "team-*"));
            tokens.put("bob", TestTokens.user("user-bob", "bob", "team-*"));
            tokens.put("erin", TestTokens.token("erin-sub").rooms("team-*").sign());
            tokens.put("root", TestTokens.token("user-root").name("root").groups("chat-admin").sign());
            tokens.put("carolLong", TestTokens.user("user-carol", "carol", "team-*"));
            tokens.put("expired", TestTokens.token("user-alice").name("alice").rooms("team-*").expiresIn(Duration.ofSeconds(-30)).sign());
            tokens.put("wrongIssuer", TestTokens.token("user-alice").name("alice").rooms("team-*").issuer("https://elsewhere.test").sign());
            tokens.put("wrongAudience", TestTokens.token("user-alice").name("alice").rooms("team-*").audience("another-service").sign());
            tokens.put("forged", TestTokens.token("user-alice").name("alice").rooms("team-*").forged().sign());
            tokens.put("carolShort", TestTokens.token("user-carol").name("carol").rooms("team-*").expiresIn(SHORT_LIFETIME).sign());
            try {
                NodeScript.run("signalr-auth.mjs", List.of(one.hubUrl(), two.hubUrl()),
                        Map.of("AUTH_TOKENS", json(tokens), "CLOCK_SKEW_S", "1"), Duration.ofMinutes(2));
            } finally {
                for (ChatInstance instance : List.of(one, two)) {
                    String log = instance.log();
                    for (Map.Entry<String, String> token : tokens.entrySet()) {
                        String signature = token.getValue().substring(token.getValue().lastIndexOf('.') + 1);
                        assertFalse(log.contains(signature), "the log of the instance on " + instance.port()
                                + " holds the " + token.getKey() + " token");
                    }
                }
            }
        }
    }

    private static String json(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
