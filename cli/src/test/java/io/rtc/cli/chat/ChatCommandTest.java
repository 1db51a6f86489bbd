package io.rtc.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rtc.cli.support.DelayedInput;
import io.rtc.cli.support.FreePort;
import io.rtc.cli.support.ConsoleCapture;
import io.rtc.cli.support.TestChatHub;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * `rtc chat` in a pipe against an in-test SignalR hub. Runs the picocli command directly with the
 * process's stdin/stdout replaced, because @QuarkusMainTest keeps System.in for itself.
 */
class ChatCommandTest {

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


    @Test
    void pipedLinesAreSentAndWhatTheRoomReceivesIsPrinted() {
        int callsBefore = hub.calls().size();
        int closesBefore = hub.closeCodes().size();

        int exitCode = run("hi\nhow are you? ünïcödé\n", "--room", "piped", "--user", "u", "--url", hub.url(0, "/chatHub"));

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(stdout().lines()).hasSize(3);
        assertThat(stdout().lines().findFirst().orElseThrow()).matches("System: c\\d+ has joined the room piped");
        assertThat(stdout().lines().skip(1)).containsExactly("u: hi", "u: how are you? ünïcödé");
        assertThat(stderr()).isEmpty();
        assertThat(hub.calls().subList(callsBefore, hub.calls().size())).containsExactly(
                "JoinRoom(piped)", "SendMessage(piped,u,hi)", "SendMessage(piped,u,how are you? ünïcödé)", "LeaveRoom(piped)");
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.closeCodes().size() > closesBefore);
        assertThat(hub.closeCodes().get(closesBefore)).isEqualTo((short) 1000);
    }

    @Test
    void exitLeavesBeforeTheEndOfInput() {
        int callsBefore = hub.calls().size();

        int exitCode = run("one\nexit\nnever sent\n", "--room", "exiting", "--user", "u", "--url", hub.url(0, "/chatHub"));

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(hub.calls().subList(callsBefore, hub.calls().size()))
                .containsExactly("JoinRoom(exiting)", "SendMessage(exiting,u,one)", "LeaveRoom(exiting)");
    }

    @Test
    void aHubErrorIsPrintedAndTheSessionGoesOn() {
        int exitCode = run("boom\nafter\n", "--room", "errors", "--user", "u", "--url", hub.url(0, "/chatHub"));

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(stderr().strip()).isEqualTo("Hub error: boom is not allowed");
        assertThat(stdout()).contains("u: after").doesNotContain("u: boom");
    }

    @Test
    void withoutNegotiationTheWebSocketIsOpenedDirectly() {
        int exitCode = run("direct\n", "--room", "skip", "--user", "u", "--skip-negotiation",
                "--url", hub.url(0, "/chatHub"));

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(stdout()).contains("u: direct");
    }

    @Test
    void aRefusedHandshakeIsOneErrorAndExitCode1() {
        int exitCode = run("hi\n", "--room", "r", "--user", "u", "--url", hub.url(0, "/refuseHub"));

        assertThat(exitCode).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr().strip()).startsWith("Cannot connect to " + hub.url(0, "/refuseHub"))
                .endsWith("handshake refused: Requested protocol 'json' is not available.");
    }

    @Test
    void aRefusedJoinIsExitCode1WithTheHubsError() {
        int exitCode = run("hi\n", "--room", "forbidden", "--user", "u", "--url", hub.url(0, "/chatHub"));

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr().strip()).isEqualTo("JoinRoom failed: You may not join forbidden");
    }

    @Test
    void aCloseFromTheServerPrintsItsErrorAndExits3() {
        int exitCode = run("hi\nsecond\n", "--room", "closing", "--user", "u", "--url", hub.url(0, "/closeHub"));

        assertThat(exitCode).isEqualTo(3);
        assertThat(stderr()).contains("Server is shutting down");
    }

    @Test
    void nothingListeningIsExitCode1() throws Exception {
        String url = "http://127.0.0.1:" + FreePort.find() + "/chatHub";

        int exitCode = run("", "--room", "r", "--user", "u", "--url", url);

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr()).startsWith("Cannot connect to " + url + ": ").containsIgnoringCase("refused");
    }

    @Test
    void aSessionIdleLongerThanTheTimeoutStaysOpen() {
        int exitCode = console.run(new ChatCommand(), DelayedInput.of("late\n", Duration.ofMillis(1500)), "--room", "idle",
                "--user", "u", "--skip-negotiation", "--timeout", "0.5", "--url", hub.url(0, "/chatHub"));

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(stdout()).contains("u: late");
    }

    @Test
    void badUrlAndMissingRoomAreUsageErrors() {
        assertThat(run("", "--room", "r", "--user", "u", "--url", "ftp://x/")).isEqualTo(2);
        assertThat(run("", "--user", "u")).isEqualTo(2);
        assertThat(stderr()).contains("--room");
    }

    private int run(String stdin, String... args) {
        return console.run(new ChatCommand(), stdin, args);
    }

    private String stdout() {
        return console.stdout();
    }

    private String stderr() {
        return console.stderr();
    }
}
