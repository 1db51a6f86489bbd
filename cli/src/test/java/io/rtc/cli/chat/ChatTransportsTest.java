package io.rtc.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtc.cli.support.ConsoleCapture;
import io.rtc.cli.support.DelayedInput;
import io.rtc.cli.support.TestChatHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** `rtc chat --transport` and `--protocol`: the same chat over every transport and hub protocol the test hub serves. */
class ChatTransportsTest {

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

    @ParameterizedTest
    @CsvSource({"sse, json", "longpolling, json", "websockets, messagepack", "longpolling, messagepack"})
    void sendReceiveAndHistory(String transport, String protocol) {
        String room = "room-" + transport + "-" + protocol;
        int callsBefore = hub.calls().size();

        int first = run("hi\nünïcödé ✓\n", "--room", room, "--user", "u", "--transport", transport, "--protocol", protocol);

        assertThat(first).as(console::stderr).isZero();
        assertThat(console.stdout().lines()).hasSize(3);
        assertThat(console.stdout().lines().findFirst().orElseThrow()).matches("System: c\\d+ has joined the room " + room);
        assertThat(console.stdout().lines().skip(1)).containsExactly("u: hi", "u: ünïcödé ✓");
        assertThat(console.stderr()).isEmpty();
        assertThat(hub.handshakes()).contains(transport + "/" + protocol);

        int second = run("bye\n", "--room", room, "--user", "v", "--transport", transport, "--protocol", protocol,
                "--history", "10");

        assertThat(second).as(console::stderr).isZero();
        // History first, before the join: oldest first, the earlier session's two messages.
        assertThat(console.stdout().lines().skip(3)).startsWith("u: hi", "u: ünïcödé ✓");
        assertThat(console.stdout()).contains("v: bye");
        assertThat(hub.calls().subList(callsBefore, hub.calls().size())).containsExactly(
                "JoinRoom(" + room + ")", "SendMessage(" + room + ",u,hi)", "SendMessage(" + room + ",u,ünïcödé ✓)",
                "LeaveRoom(" + room + ")", "GetHistory(" + room + ",10)", "JoinRoom(" + room + ")",
                "SendMessage(" + room + ",v,bye)", "LeaveRoom(" + room + ")");
        assertThat(hub.conflicts()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse", "longpolling"})
    void sendsWhileAPostIsInFlightWaitAndGoTogether(String transport) {
        hub.postDelay(30);
        try {
            String lines = IntStream.rangeClosed(1, 20).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
            int batchedBefore = hub.batchedPosts();

            int exitCode = run(lines, "--room", "batched-" + transport, "--user", "u", "--transport", transport);

            assertThat(exitCode).as(console::stderr).isZero();
            assertThat(console.stdout().lines().skip(1)).hasSize(20).startsWith("u: line 1").endsWith("u: line 20");
            assertThat(hub.batchedPosts()).isGreaterThan(batchedBefore);
            assertThat(hub.conflicts()).isZero();
        } finally {
            hub.postDelay(0);
        }
    }

    @Test
    void longPollingPollsAgainAfterAnEmptyAnswerAndDeletesTheConnectionAtTheEnd() {
        int emptyBefore = hub.emptyPolls();
        int deletesBefore = hub.deletes();

        int exitCode = console.run(new ChatCommand(), DelayedInput.of("late\n", Duration.ofMillis(1000)), "--room", "idle-lp",
                "--user", "u", "--transport", "longpolling", "--url", hub.url(0, "/chatHub"));

        assertThat(exitCode).as(console::stderr).isZero();
        assertThat(console.stdout()).contains("u: late");
        assertThat(hub.emptyPolls()).isGreaterThan(emptyBefore);
        assertThat(hub.deletes()).isEqualTo(deletesBefore + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse", "longpolling"})
    void aCloseFromTheServerPrintsItsErrorAndExits3(String transport) {
        int exitCode = run("hi\nsecond\n", "--room", "closing", "--user", "u", "--transport", transport,
                "--url", hub.url(0, "/closeHub"));

        assertThat(exitCode).isEqualTo(3);
        assertThat(console.stderr()).contains("Server is shutting down");
    }

    @Test
    void aTransportTheServerDoesNotOfferIsExitCode1SayingWhatItOffers() {
        int exitCode = run("hi\n", "--room", "r", "--user", "u", "--transport", "sse", "--url", hub.url(0, "/wsOnlyHub"));

        assertThat(exitCode).isEqualTo(1);
        assertThat(console.stderr().strip()).isEqualTo("Cannot connect to " + hub.url(0, "/wsOnlyHub")
                + ": the server does not offer the ServerSentEvents transport (it offers WebSockets)");
    }

    @Test
    void sseWithMessagePackUnknownNamesAndSkippedNegotiationOffWebSocketsAreUsageErrors() {
        assertThat(run("", "--room", "r", "--user", "u", "--transport", "sse", "--protocol", "messagepack")).isEqualTo(2);
        assertThat(console.stderr()).contains("--transport sse carries text only", "--protocol messagepack");
        assertThat(run("", "--room", "r", "--user", "u", "--transport", "carrier-pigeon")).isEqualTo(2);
        assertThat(console.stderr()).contains("--transport must be one of websockets, sse, longpolling, not 'carrier-pigeon'");
        assertThat(run("", "--room", "r", "--user", "u", "--protocol", "xml")).isEqualTo(2);
        assertThat(console.stderr()).contains("--protocol must be json or messagepack, not 'xml'");
        assertThat(run("", "--room", "r", "--user", "u", "--transport", "longpolling", "--skip-negotiation")).isEqualTo(2);
        assertThat(console.stderr()).contains("--skip-negotiation works only with --transport websockets");
        assertThat(hub.calls()).noneMatch(call -> call.contains("(r)"));
    }

    /** On /chatHub unless the arguments name another URL. */
    private int run(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--url")) {
            all.addAll(List.of("--url", hub.url(0, "/chatHub")));
        }
        return console.run(new ChatCommand(), stdin, all.toArray(String[]::new));
    }
}
