package io.rtc.fanout.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.rtc.fanout.support.FanoutInstance;
import io.rtc.fanout.support.Http;
import io.rtc.fanout.support.TailClient;
import io.rtc.testsupport.PrivateRabbit;
import io.vertx.core.json.JsonObject;

/**
 * The services talking through {@code logs}: a chat message sent with the official SignalR client
 * to a packaged chat-service shows up, as chat-service's {@code message.sent} event, in
 * fanout-service's live tail and archive.
 */
class FullStackIT {

    static final Path CHAT_JAR = Path.of("..", "chat-service", "target", "quarkus-app", "quarkus-run.jar");

    @Test
    void aChatMessageReachesTheTailAndTheArchive() throws Exception {
        String room = "fullstack-" + UUID.randomUUID().toString().substring(0, 8);
        String user = "alice";
        String text = "hello through the whole stack " + UUID.randomUUID();
        String rabbitPort = Integer.toString(PrivateRabbit.shared().port());
        try (FanoutInstance fanout = FanoutInstance.start(Map.of("RABBITMQ_PORT", rabbitPort, "FANOUT_ARCHIVE_DIR",
                        Path.of("target", "fullstack-archive-" + UUID.randomUUID()).toAbsolutePath().toString()));
                FanoutInstance chat = FanoutInstance.launch(CHAT_JAR, "chat",
                        Map.of("CHAT_TOKEN_SECRET", "full-stack-secret", "RABBITMQ_PORT", rabbitPort));
                TailClient tail = TailClient.connectLive(fanout.baseUrl())) {
            chat.awaitReady();
            Process client = new ProcessBuilder("node", "signalr-chat.mjs", chat.baseUrl() + "/chatHub", room, user, text)
                    .directory(AmqpInteropIT.NODE_DIR.toFile()).redirectErrorStream(true).start();
            assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<String> output = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8)).lines().toList();
            assertThat(output).as("SignalR client output").contains("DELIVERED");

            Predicate<JsonObject> ourMessage = entry -> {
                if (!"application/json".equals(entry.getString("contentType"))) {
                    return false;
                }
                JsonObject event = new JsonObject(entry.getString("body"));
                return "message.sent".equals(event.getString("type")) && room.equals(event.getString("room"));
            };
            await().atMost(Duration.ofSeconds(20)).until(() -> tail.frames.stream().anyMatch(ourMessage));
            JsonObject event = new JsonObject(tail.frames.stream().filter(ourMessage).findFirst().orElseThrow().getString("body"));
            assertThat(event.getString("source")).isEqualTo("chat-service");
            assertThat(event.getString("user")).isEqualTo(user);
            assertThat(event.getString("connectionId")).isNotBlank();
            assertThat(event.getString("timestamp")).isNotBlank();
            assertThat(tail.frames.stream().filter(ourMessage).findFirst().orElseThrow().getString("id")).isNotBlank();

            await().atMost(Duration.ofSeconds(20)).until(() -> Http.archive(fanout.baseUrl(), 5000).stream()
                    .map(JsonObject.class::cast).anyMatch(ourMessage));
            // the join came before the message, from the same connection
            await().atMost(Duration.ofSeconds(20)).until(() -> tail.frames.stream()
                    .filter(f -> "application/json".equals(f.getString("contentType")))
                    .map(f -> new JsonObject(f.getString("body")))
                    .anyMatch(e -> "room.joined".equals(e.getString("type")) && room.equals(e.getString("room"))));
        }
    }
}
