package io.rtc.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.rtc.echo.support.EchoInstance;
import io.rtc.echo.support.JdkWebSocket;
import io.rtc.echo.support.LogsQueue;
import io.rtc.echo.support.Urls;

/**
 * SIGTERM on the packaged jar with a client connected: the client gets a close 1001 (going away) on
 * either message path (the Netty fast path and the WebSockets Next callbacks), the instance is not
 * ready and refuses new upgrades during the shutdown delay, the client's connection.closed event
 * still reaches RabbitMQ, and the process exits within seconds, without errors.
 */
class ShutdownIT {

    private static final int RABBITMQ_PORT = 5672;

    @Test
    void fastPathClientGetsGoingAwayAndNewClientsAreRefusedDuringTheDelay() throws Exception {
        EchoInstance instance = EchoInstance.start(Map.of("ECHO_SHUTDOWN_DELAY", "3s"));
        try (LogsQueue logs = LogsQueue.exclusive(RABBITMQ_PORT);
                JdkWebSocket client = JdkWebSocket.connect(Urls.ws(instance.httpUri(), "/echo"))) {
            assertThat(client.sendAndReceiveText("before")).isEqualTo("Server Response: before");
            Set<String> opened = openedConnections(logs);
            long sigterm = System.nanoTime();
            instance.terminate();

            assertThat(client.closeCode().get(5, TimeUnit.SECONDS)).isEqualTo(1001);
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> instance.status("/q/health/ready") == 503);
            assertThat(upgradeStatus(instance)).isEqualTo(503);
            assertThat(instance.isAlive()).as("still in the 3 s delay").isTrue();

            assertThat(instance.awaitExit(Duration.ofSeconds(8)))
                    .as("echo-service exits within 8 s of SIGTERM (3 s of them the delay)").isTrue();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
            System.out.printf("echo-service (fast path) exited %d ms after SIGTERM (shutdown delay 3 s)%n", tookMs);
            assertThat(tookMs).isGreaterThanOrEqualTo(3000);
            // the close's event went out before the connector stopped
            logs.await(e -> "connection.closed".equals(e.type()) && opened.contains(e.json().path("connectionId").asText())
                    && e.json().path("closeCode").asInt() == 1001, 1, Duration.ofSeconds(5));
            assertClean(instance);
        } finally {
            instance.close();
        }
    }

    @Test
    void callbackPathClientGetsGoingAwayAndTheInstanceExitsPromptly() throws Exception {
        EchoInstance instance = EchoInstance.start(Map.of("ECHO_FAST_PATH", "false")); // default delay, 1 s
        try (JdkWebSocket client = JdkWebSocket.connect(Urls.ws(instance.httpUri(), "/"))) {
            assertThat(client.sendAndReceiveText("before")).isEqualTo("Server Response: before");
            long sigterm = System.nanoTime();
            instance.terminate();
            assertThat(client.closeCode().get(5, TimeUnit.SECONDS)).isEqualTo(1001);
            assertThat(instance.awaitExit(Duration.ofSeconds(8))).as("echo-service exits within 8 s of SIGTERM").isTrue();
            System.out.printf("echo-service (callbacks) exited %d ms after SIGTERM (default delay)%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm));
            assertClean(instance);
        } finally {
            instance.close();
        }
    }

    /** Ids of echo-service's connection.opened events seen so far (ours among them; other instances may share the broker). */
    private static Set<String> openedConnections(LogsQueue logs) {
        List<LogsQueue.Event> opened = logs.await(e -> "connection.opened".equals(e.type())
                && "echo-service".equals(e.json().path("source").asText()), 1, Duration.ofSeconds(10));
        return opened.stream().map(e -> e.json().path("connectionId").asText()).collect(Collectors.toSet());
    }

    private static void assertClean(EchoInstance instance) throws Exception {
        assertThat(instance.log())
                .doesNotContain("Timed out waiting for graceful shutdown")
                .doesNotContain(" ERROR ")
                .doesNotContain("not confirmed by RabbitMQ at shutdown");
    }

    /** The HTTP status that refused a WebSocket upgrade, or 101 if it was accepted. */
    private static int upgradeStatus(EchoInstance instance) {
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(Urls.ws(instance.httpUri(), "/echo"), new WebSocket.Listener() {
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
