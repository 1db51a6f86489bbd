package io.rtc.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtc.cli.support.ConsoleCapture;
import io.rtc.cli.support.TestChatHub;
import io.rtc.cli.support.TestChatHub.Credential;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `rtc chat --token` (or RTC_TOKEN) against the test hub's /authHub, which wants a token on negotiate and upgrade. */
class ChatTokenTest {

    private static TestChatHub hub;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @BeforeAll
    static void startHub() throws Exception {
        hub = TestChatHub.start(1);
    }

    @AfterAll
    static void stopHub() throws Exception {
        hub.close();
    }

    @BeforeEach
    void forget() {
        hub.credentials().clear();
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
    void overTheHttpTransportsTheTokenGoesOnEveryRequestAndInTheEventStreamsQuery() {
        int sse = run(Map.of(), "hi\n", "--room", "signed-sse", "--user", "u", "--token", "good-token",
                "--transport", "sse", "--url", hub.url(0, "/authHub"));
        assertThat(sse).as(this::stderr).isZero();
        assertThat(hub.credentials()).extracting(Credential::authorization).containsOnly("Bearer good-token");
        assertThat(hub.credentials()).extracting(Credential::step).startsWith("negotiate", "get", "post").contains("post");
        assertThat(hub.credentials().get(1).accessToken()).isEqualTo("good-token");
        hub.credentials().clear();

        int polled = run(Map.of(), "hi\n", "--room", "signed-lp", "--user", "u", "--token", "good-token",
                "--transport", "longpolling", "--url", hub.url(0, "/authHub"));

        assertThat(polled).as(this::stderr).isZero();
        assertThat(stdout()).contains("u: hi");
        assertThat(hub.credentials()).extracting(Credential::authorization).containsOnly("Bearer good-token");
        assertThat(hub.credentials()).extracting(Credential::step).contains("get", "post", "delete");
        assertThat(hub.credentials()).extracting(Credential::accessToken).containsOnlyNulls();
    }

    @Test
    void aPollRefusedLaterIsExitCode6Too() {
        // negotiate passes, the first poll is refused: the token expired in between, say.
        hub.tokenCheck(token -> hub.credentials().size() > 1 ? new TestChatHub.Refusal(401, "Invalid token: it has expired")
                : null);
        try {
            int exitCode = run(Map.of(), "", "--room", "r", "--user", "u", "--token", "good-token", "--transport", "longpolling",
                    "--url", hub.url(0, "/authHub"));

            assertThat(exitCode).isEqualTo(6);
            assertThat(stderr().strip()).isEqualTo("Refused by " + hub.url(0, "/authHub")
                    + ": poll answered 401 Unauthorized: Invalid token: it has expired");
        } finally {
            hub.tokenCheck(null);
        }
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
        ChatCommand command = new ChatCommand();
        command.environment = environment::get;
        return console.run(command, stdin, args);
    }

    private String stdout() {
        return console.stdout();
    }

    private String stderr() {
        return console.stderr();
    }

}
