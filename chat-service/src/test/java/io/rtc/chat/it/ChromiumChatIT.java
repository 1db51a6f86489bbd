package io.rtc.chat.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.rtc.chat.support.ChatInstance;

/**
 * The chat page (GET /) in headless Chromium, one page on each of two packaged instances: join,
 * messages both ways, markup shown as text, a dropped connection that reconnects, rejoins and fills
 * the gap from history. The checks are in {@code src/test/node/chromium-chat.mjs}; its output is in
 * target/node-chromium-chat.log and a screenshot in target/chromium-chat.png.
 */
class ChromiumChatIT {

    @Test
    void chatPageInChromiumAcrossTwoInstances() throws Exception {
        Path chromium = NodeScript.requireChromium();
        Path screenshot = Path.of("target", "chromium-chat.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Map<String, String> env = Map.of("CHAT_TOKEN_SECRET", "it-secret-" + UUID.randomUUID());
        try (ChatInstance one = ChatInstance.start(env); ChatInstance two = ChatInstance.start(env)) {
            NodeScript.run("chromium-chat.mjs", List.of(one.baseUrl(), two.baseUrl(), screenshot.toString()),
                    Map.of("CHROMIUM", chromium.toString()), Duration.ofMinutes(2));
        }
        if (!Files.isRegularFile(screenshot)) {
            fail("no screenshot at " + screenshot);
        }
    }
}
