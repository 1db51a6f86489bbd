package io.rtc.cli.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rtc.cli.support.FreePort;
import io.rtc.cli.support.TestFanoutServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `rtc subscribe` against an in-test fanout-service stream: printing, --json, reconnecting. The
 * command runs on a thread of its own (it waits for messages); --count ends it.
 */
class SubscribeCommandTest {

    private static TestFanoutServer server;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws Exception {
        server = TestFanoutServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void captureOutput() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStreams() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void everyMessageIsPrintedLikeTheSeedSubscriber() throws Exception {
        CompletableFuture<Integer> exit = start("--url", server.streamUrl("print"), "--count", "4");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streamConnections("print") == 1);

        server.push("print", frame("a1", "text/plain", "\"hello wörld\""));
        server.push("print", frame(null, "application/json", "\"{\\\"source\\\":\\\"chat-service\\\"}\""));
        server.push("print", "{\"id\":\"a3\",\"timestamp\":\"2026-11-26T04:01:02.345Z\",\"contentType\":\"application/octet-stream\","
                + "\"body\":\"/wA=\",\"encoding\":\"base64\"}");
        server.push("print", "not json at all");

        assertThat(exit.get(10, TimeUnit.SECONDS)).as(this::stderr).isZero();
        assertThat(stdout().lines()).containsExactly(
                " [*] Waiting for logs. To exit, press CTRL+C",
                " [x] Received: hello wörld",
                " [x] Received: {\"source\":\"chat-service\"}",
                " [x] Received (base64): /wA=",
                " [x] Received: not json at all");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void jsonPrintsEachFrameAsItCameOneALine() throws Exception {
        CompletableFuture<Integer> exit = start("--url", server.streamUrl("json"), "--count", "2", "--json");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streamConnections("json") == 1);
        String first = frame("j1", "text/plain", "\"one\"");

        server.push("json", first);
        server.push("json", "{\n  \"id\" : \"j2\",\n  \"body\" : \"two\"\n}");

        assertThat(exit.get(10, TimeUnit.SECONDS)).as(this::stderr).isZero();
        assertThat(stdout().lines()).containsExactly(first, "{\"id\":\"j2\",\"body\":\"two\"}");
        // The notice goes to stderr, so stdout is JSON lines only.
        assertThat(stderr().strip()).isEqualTo(" [*] Waiting for logs. To exit, press CTRL+C".strip());
    }

    @Test
    void aCloseWith1013IsNotedAndTheStreamReopened() throws Exception {
        CompletableFuture<Integer> exit = start("--url", server.streamUrl("slow"), "--count", "2",
                "--reconnect-delay", "0.2");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streamConnections("slow") == 1);
        server.push("slow", frame("s1", "text/plain", "\"before\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> stdout().contains("before"));

        server.closeStreams("slow", (short) 1013, "client too slow");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streamConnections("slow") == 2);
        // The new connection is registered on the server's loop before the push below runs there.
        server.push("slow", frame("s2", "text/plain", "\"after\""));

        assertThat(exit.get(10, TimeUnit.SECONDS)).as(this::stderr).isZero();
        assertThat(stdout().lines()).containsExactly(" [*] Waiting for logs. To exit, press CTRL+C",
                " [x] Received: before", " [x] Received: after");
        assertThat(stderr().lines()).containsExactly(
                "The server closed the stream because this client read too slowly (code 1013, reason: client too slow); "
                        + "reconnecting in 0.2 s",
                "Reconnected to " + server.streamUrl("slow")
                        + " (messages published while disconnected are not shown: GET /api/logs has them)");
    }

    @Test
    void aServerThatStaysAwayIsRetriedWithAGrowingDelay() throws Exception {
        CompletableFuture<Integer> exit = start("--url", server.streamUrl("gone"), "--count", "1",
                "--reconnect-delay", "0.1", "--max-reconnect-delay", "0.4");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streamConnections("gone") == 1);

        server.closeStreams("gone", (short) 1001, "going away");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streamConnections("gone") == 2);
        server.push("gone", frame("g1", "text/plain", "\"back\""));

        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(stderr()).startsWith("Connection closed by the server (code 1001, reason: going away); reconnecting in 0.1 s");
        assertThat(stdout()).contains(" [x] Received: back");
    }

    @Test
    void nothingListeningAtStartIsExitCode1() throws Exception {
        String url = "ws://127.0.0.1:" + FreePort.find() + "/logs/stream";

        int exitCode = new CommandLine(new SubscribeCommand()).execute("--url", url);

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr().strip()).startsWith("Cannot connect to " + url + ": ").containsIgnoringCase("refused");
        assertThat(stderr().lines()).hasSize(1);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void usageErrors() {
        assertThat(new CommandLine(new SubscribeCommand()).execute("--url", "http://localhost:8082/logs/stream")).isEqualTo(2);
        assertThat(new CommandLine(new SubscribeCommand()).execute("--count", "-1")).isEqualTo(2);
    }

    private static CompletableFuture<Integer> start(String... args) {
        return CompletableFuture.supplyAsync(() -> new CommandLine(new SubscribeCommand()).execute(args));
    }

    private static String frame(String id, String contentType, String bodyJson) {
        return "{\"id\":" + (id == null ? "null" : "\"" + id + "\"") + ",\"timestamp\":\"2026-11-26T04:01:02.345Z\","
                + "\"contentType\":\"" + contentType + "\",\"body\":" + bodyJson + "}";
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
