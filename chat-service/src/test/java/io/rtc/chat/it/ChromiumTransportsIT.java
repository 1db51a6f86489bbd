package io.rtc.chat.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rtc.chat.support.ChatCluster;
import io.rtc.chat.support.Nginx;

/**
 * The chat page's transports in headless Chromium through a round-robin nginx without sticky sessions in front of
 * two packaged instances: forced to Server-Sent Events ({@code ?transport=serversentevents}), to Long Polling, to
 * WebSockets, an unknown {@code ?transport=} ignored, and the automatic fallback behind the port that refuses
 * WebSocket upgrades. Each mode is one run of {@code src/test/node/chromium-transports.mjs} (output in
 * {@code target/node-chromium-transports-<mode>.log}, a screenshot in {@code target/chromium-transports-<mode>.png}).
 */
class ChromiumTransportsIT {

    private static ChatCluster cluster;
    private static Path chromium;

    @BeforeAll
    static void start() throws Exception {
        chromium = NodeScript.requireChromium();
        cluster = ChatCluster.behindNginx(2, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "websockets", "ignored", "serversentevents", "longpolling", "fallback" })
    void chatPageWithTransport(String mode) throws Exception {
        Nginx nginx = cluster.nginx();
        Path screenshot = Path.of("target", "chromium-transports-" + mode + ".png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        NodeScript.run("chromium-transports.mjs", "chromium-transports-" + mode,
                List.of(nginx.url(), nginx.noUpgradeUrl(), mode, screenshot.toString()),
                Map.of("CHROMIUM", chromium.toString()), Duration.ofSeconds(90));
    }
}
