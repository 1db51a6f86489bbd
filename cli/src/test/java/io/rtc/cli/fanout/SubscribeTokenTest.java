package io.rtc.cli.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rtc.cli.support.TestFanoutServer;
import io.rtc.cli.support.TestFanoutServer.Credential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `rtc subscribe --token` (or RTC_TOKEN) against the fake's /auth stream. */
class SubscribeTokenTest {

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
        server.credentials().clear();
        server.acceptTokens(Set.of("good-token"));
    }

    @AfterEach
    void restoreStreams() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void theTokenIsTheAccessTokenParameterAndTheHeaderOfTheUpgrade() throws Exception {
        int connectionsBefore = server.streamConnections("auth");
        CompletableFuture<Integer> exit = start(Map.of(), "--url", server.streamUrl("auth"), "--count", "1", "--token", "good-token");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streamConnections("auth") == connectionsBefore + 1);

        server.push("auth", "{\"id\":\"a1\",\"timestamp\":\"2026-11-26T04:01:02.345Z\",\"contentType\":\"text/plain\",\"body\":\"hi\"}");

        assertThat(exit.get(10, TimeUnit.SECONDS)).as(this::stderr).isZero();
        assertThat(stdout()).contains(" [x] Received: hi").doesNotContain("good-token");
        assertThat(server.credentials()).containsExactly(new Credential("upgrade", "Bearer good-token", "good-token"));
    }

    @Test
    void rtcTokenIsTheDefault() throws Exception {
        int connectionsBefore = server.streamConnections("auth");
        CompletableFuture<Integer> exit = start(Map.of("RTC_TOKEN", "good-token"), "--url", server.streamUrl("auth"), "--count", "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streamConnections("auth") == connectionsBefore + 1);

        server.push("auth", "{\"id\":\"a2\",\"body\":\"env\"}");

        assertThat(exit.get(10, TimeUnit.SECONDS)).as(this::stderr).isZero();
        assertThat(server.credentials()).extracting(Credential::accessToken).containsExactly("good-token");
    }

    @Test
    void aRefusedTokenAtStartIsExitCode6WithTheServersReason() throws Exception {
        String token = "expired-s3cr3t-token";

        int exitCode = start(Map.of(), "--url", server.streamUrl("auth"), "--token", token).get(10, TimeUnit.SECONDS);

        assertThat(exitCode).isEqualTo(6);
        assertThat(stderr().strip()).isEqualTo("Refused by " + server.streamUrl("auth")
                + ": WebSocket upgrade answered 401 Unauthorized: Invalid token: it has expired");
        assertThat(stderr()).doesNotContain(token);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void noTokenWhereOneIsRequiredIsExitCode6() throws Exception {
        int exitCode = start(Map.of(), "--url", server.streamUrl("auth")).get(10, TimeUnit.SECONDS);

        assertThat(exitCode).isEqualTo(6);
        assertThat(stderr()).contains("401 Unauthorized: A bearer token is required");
    }

    @Test
    void aTokenRefusedOnAReconnectEndsTheSubscriptionWithExitCode6() throws Exception {
        int connectionsBefore = server.streamConnections("auth");
        CompletableFuture<Integer> exit = start(Map.of(), "--url", server.streamUrl("auth"), "--token", "good-token",
                "--reconnect-delay", "0.1");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streamConnections("auth") == connectionsBefore + 1);

        // the token expires while connected; the server drops the stream
        server.acceptTokens(Set.of());
        server.closeStreams("auth", (short) 1001, "going away");

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(6);
        assertThat(stderr()).contains("reconnecting in 0.1 s")
                .contains("Reconnect refused by " + server.streamUrl("auth")
                        + ": WebSocket upgrade answered 401 Unauthorized: Invalid token: it has expired")
                .doesNotContain("good-token");
        assertThat(server.credentials()).hasSize(2);
    }

    private static CompletableFuture<Integer> start(Map<String, String> environment, String... args) {
        return CompletableFuture.supplyAsync(() -> {
            SubscribeCommand command = new SubscribeCommand();
            command.environment = environment::get;
            return new CommandLine(command).execute(args);
        });
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
