package io.rtc.chat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.rtc.chat.support.ChatInstance;
import io.rtc.chat.support.HubTestClient;

/**
 * On SIGTERM the hub tells its clients to reconnect (elsewhere), as SignalR's own server does, stops
 * taking new ones, and exits within a few seconds: the WebSockets it served do not hold the shutdown
 * for the whole {@code quarkus.shutdown.timeout} (10 s) any more.
 */
class ShutdownIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void clientsAreAskedToReconnectAndTheInstanceExitsPromptly() throws Exception {
        ChatInstance instance = ChatInstance.start(Map.of()); // the default shutdown delay, 1 s
        try (HubTestClient client = HubTestClient.connect(instance.hubUrl())) {
            client.invoke("JoinRoom", "shutdown-room");
            long sigterm = System.nanoTime();
            instance.terminate();
            assertThat(instance.awaitExit(Duration.ofSeconds(8)))
                    .as("chat-service exits within 8 s of SIGTERM with a client connected").isTrue();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
            System.out.printf("chat-service exited %d ms after SIGTERM (one client, default delay)%n", tookMs);
            JsonNode close;
            do {
                close = client.next();
            } while (close.path("type").asInt() != 7);
            assertThat(close.get("allowReconnect").asBoolean()).isTrue();
            assertThat(close.get("error").asText()).contains("shutting down");
            assertThat(client.awaitClose()).isEqualTo(1001);
            assertThat(instance.log()).doesNotContain("Timed out waiting for graceful shutdown").doesNotContain(" ERROR ");
        } finally {
            instance.close();
        }
    }

    @Test
    void newClientsAreRefusedAndReadinessIsDownDuringTheShutdownDelay() throws Exception {
        ChatInstance instance = ChatInstance.start(Map.of("CHAT_SHUTDOWN_DELAY", "3s"));
        try (HubTestClient client = HubTestClient.connect(instance.hubUrl())) {
            client.invoke("JoinRoom", "shutdown-delay-room");
            long sigterm = System.nanoTime();
            instance.terminate();
            assertThat(client.awaitClose()).isEqualTo(1001);

            // the delay: still serving HTTP, but not ready, and sending new clients elsewhere
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> instance.status("/q/health/ready") == 503);
            HttpResponse<String> negotiate = HTTP.send(HttpRequest.newBuilder(URI.create(instance.hubUrl() + "/negotiate?negotiateVersion=1"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(negotiate.statusCode()).isEqualTo(503);
            assertThat(negotiate.headers().firstValue("Retry-After")).isPresent();
            assertThat(upgradeStatus(instance.hubUrl())).isEqualTo(503);
            assertThat(instance.isAlive()).as("still in the 3 s delay").isTrue();

            assertThat(instance.awaitExit(Duration.ofSeconds(8)))
                    .as("chat-service exits within 8 s of SIGTERM (3 s of them the delay)").isTrue();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
            System.out.printf("chat-service exited %d ms after SIGTERM (shutdown delay 3 s)%n", tookMs);
            assertThat(tookMs).isGreaterThanOrEqualTo(3000);
            assertThat(instance.log()).doesNotContain("Timed out waiting for graceful shutdown").doesNotContain(" ERROR ");
        } finally {
            instance.close();
        }
    }

    /** The HTTP status that refused a WebSocket upgrade, or 101 if it was accepted. */
    private static int upgradeStatus(String hubUrl) {
        try {
            WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(hubUrl.replaceFirst("^http", "ws")),
                    new WebSocket.Listener() {
                    }).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }
}
