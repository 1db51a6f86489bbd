package io.rtc.chat.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * The chat page (GET /) in headless Chromium against a packaged instance with auth required: pages opened
 * with {@code ?token=<jwt>} chat under their signed-in names (a room outside the claim and another name
 * refused), a page without a token shows the 401 as an error state and signs in through its "Access token"
 * field, and no token is shown, stored or logged. The tokens are minted here ({@link TestTokens}) and passed
 * to {@code src/test/node/chromium-auth.mjs} in its environment; its output is in target/node-chromium-auth.log
 * and a screenshot in target/chromium-auth.png.
 */
class ChromiumAuthIT {

    @Test
    void signedInChatPageInChromium() throws Exception {
        Path chromium = NodeScript.requireChromium();
        Path screenshot = Path.of("target", "chromium-auth.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Map<String, String> env = new HashMap<>(TestTokens.instanceEnv());
        env.put("CHAT_AUTH_REQUIRED", "true");
        env.put("CHAT_TOKEN_SECRET", "it-secret-" + UUID.randomUUID());
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("alice", TestTokens.user("user-alice", "alice", "team-*"));
        tokens.put("bob", TestTokens.user("user-bob", "bob", "team-*"));
        tokens.put("carol", TestTokens.user("user-carol", "carol", "team-*"));
        tokens.put("expired", TestTokens.token("user-carol").name("carol").rooms("team-*").expiresIn(Duration.ofSeconds(-30)).sign());
        try (ChatInstance instance = ChatInstance.start(env)) {
            try {
                NodeScript.run("chromium-auth.mjs", List.of(instance.baseUrl(), screenshot.toString()),
                        Map.of("CHROMIUM", chromium.toString(), "AUTH_TOKENS", json(tokens)), Duration.ofMinutes(2));
            } finally {
                String log = instance.log();
                for (Map.Entry<String, String> token : tokens.entrySet()) {
                    String signature = token.getValue().substring(token.getValue().lastIndexOf('.') + 1);
                    assertFalse(log.contains(signature), "the instance's log holds the " + token.getKey() + " token");
                }
            }
        }
        if (!Files.isRegularFile(screenshot)) {
            fail("no screenshot at " + screenshot);
        }
    }

    private static String json(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
