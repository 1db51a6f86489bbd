package io.rtc.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtc.cli.support.TestChatHub;
import io.rtc.cli.support.TestChatHub.Credential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `rtc chat --token` (or RTC_TOKEN) against the test hub's /authHub, which wants a token on negotiate and upgrade. */
class ChatTokenTest {

    private static TestChatHub hub;
    private final InputStream originalIn = System.in;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startHub() throws Exception {
        hub = TestChatHub.start(1);
    }

    @AfterAll
    static void stopHub() throws Exception {
        hub.close();
    }

    @BeforeEach
    void captureOutput() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        hub.credentials().clear();
    }

    @AfterEach
    void restoreStreams() {
        System.setIn(originalIn);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void theTokenGoesOnNegotiateAndOnTheWebSocket() {
        int exitCode = run(Map.of(), "hi\n", "--room", "signed", "--user", "u", "--token", "good-token",
                "--url", hub.url(0, "/authHub"));

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(stdout()).contains("u: hi");
        assertThat(hub.credentials()).containsExactly(
                new Credential("negotiate", "Bearer good-token", null),
                new Credential("upgrade", "Bearer good-token", "good-token"));
    }

    @Test
    void rtcTokenIsTheDefault() {
        int exitCode = run(Map.of("RTC_TOKEN", "good-token"), "hi\n", "--room", "env", "--user", "u",
                "--url", hub.url(0, "/authHub"));

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(hub.credentials()).extracting(Credential::authorization).containsOnly("Bearer good-token");
    }

    @Test
    void theOptionWinsOverRtcToken() {
        int exitCode = run(Map.of("RTC_TOKEN", "stale-token"), "hi\n", "--room", "env", "--user", "u", "--token", "good-token",
                "--url", hub.url(0, "/authHub"));

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(hub.credentials()).extracting(Credential::authorization).containsOnly("Bearer good-token");
    }

    @Test
    void withoutATokenNothingIsSent() {
        int exitCode = run(Map.of(), "hi\n", "--room", "anon", "--user", "u", "--url", hub.url(0, "/chatHub"));

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(hub.credentials()).isEmpty();
    }

    @Test
    void aRefusedTokenIsExitCode6WithTheServersReasonAndNotTheToken() {
        String token = "expired-s3cr3t-token";

        int exitCode = run(Map.of(), "hi\n", "--room", "r", "--user", "u", "--token", token, "--url", hub.url(0, "/authHub"));

        assertThat(exitCode).isEqualTo(6);
        assertThat(stdout()).isEmpty();
        assertThat(stderr().strip()).isEqualTo("Refused by " + hub.url(0, "/authHub")
                + ": negotiate answered 401 Unauthorized: Invalid token: it has expired");
        assertThat(stderr()).doesNotContain(token);
        assertThat(hub.credentials()).hasSize(1);
    }

    @Test
    void noTokenWhereOneIsRequiredIsExitCode6() {
        int exitCode = run(Map.of(), "", "--room", "r", "--user", "u", "--url", hub.url(0, "/authHub"));

        assertThat(exitCode).isEqualTo(6);
        assertThat(stderr()).contains("401 Unauthorized: A bearer token is required");
    }

    @Test
    void aForbiddenTokenIsExitCode6Too() {
        int exitCode = run(Map.of(), "", "--room", "r", "--user", "u", "--token", "forbidden-token",
                "--url", hub.url(0, "/authHub"));

        assertThat(exitCode).isEqualTo(6);
        assertThat(stderr()).contains("negotiate answered 403 Forbidden: This token does not grant the room")
                .doesNotContain("forbidden-token");
    }

    @Test
    void aRefusedUpgradeIsExitCode6WithTheReason() {
        String token = "upgrade-s3cr3t-token";

        int exitCode = run(Map.of(), "", "--room", "r", "--user", "u", "--skip-negotiation", "--token", token,
                "--url", hub.url(0, "/authHub"));

        assertThat(exitCode).isEqualTo(6);
        assertThat(stderr().strip()).isEqualTo("Refused by " + hub.url(0, "/authHub")
                + ": WebSocket upgrade answered 401 Unauthorized: Invalid token: it has expired");
        assertThat(stderr()).doesNotContain(token);
        assertThat(hub.credentials()).containsExactly(new Credential("upgrade", "Bearer " + token, token));
    }

    @Test
    void aTokenThatCannotBeAHeaderIsAUsageError() {
        int exitCode = run(Map.of(), "", "--room", "r", "--user", "u", "--token", "two words", "--url", hub.url(0, "/authHub"));

        assertThat(exitCode).isEqualTo(2);
        assertThat(stderr()).contains("printable ASCII").doesNotContain("two words");
        assertThat(hub.credentials()).isEmpty();
    }

    private int run(Map<String, String> environment, String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        ChatCommand command = new ChatCommand();
        command.environment = environment::get;
        return new CommandLine(command).execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

}
