package io.rtc.cli.echo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rtc.cli.support.DelayedInput;
import io.rtc.cli.support.TestEchoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `rtc echo` fed through a pipe (the test has no console). Runs the picocli command directly with
 * the process's real stdin/stdout replaced, because @QuarkusMainTest keeps System.in for itself.
 */
class PipedEchoTest {

    private static TestEchoServer server;
    private final InputStream originalIn = System.in;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws Exception {
        server = TestEchoServer.start();
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
        System.setIn(originalIn);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void printsEachReplyExactlyOnItsOwnLineThenClosesWith1000() {
        int closesBefore = server.closeCodes().size();

        int exitCode = run("hello\nhow are you?\n\nünïcödé\n", "--url", server.url("/echo"));

        assertEquals(0, exitCode, this::stderr);
        assertEquals(List.of(
                "Server Response: hello",
                "Server Response: how are you?",
                "Server Response: ",
                "Server Response: ünïcödé"), stdout().lines().toList());
        assertEquals("", stderr());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closeCodes().size() > closesBefore);
        assertEquals((short) 1000, server.closeCodes().get(closesBefore));
    }

    @Test
    void echoHiPrintsExactlyOneLine() {
        int exitCode = run("hi\n", "--url", server.url("/"));

        assertEquals(0, exitCode, this::stderr);
        assertEquals("Server Response: hi" + System.lineSeparator(), stdout());
    }

    @Test
    void emptyInputJustConnectsAndCloses() {
        int exitCode = run("", "--url", server.url("/"));

        assertEquals(0, exitCode, this::stderr);
        assertEquals("", stdout());
    }

    @Test
    void serverClosingTheConnectionReportsCodeAndReason() {
        int exitCode = run("first\nsecond\n", "--url", server.url("/close"));

        assertEquals(3, exitCode);
        assertEquals("", stdout());
        assertTrue(stderr().contains("code 1008") && stderr().contains("policy violated"), stderr());
    }

    @Test
    void aMissingReplyIsATimeout() {
        int exitCode = run("anyone there?\n", "--url", server.url("/silent"), "--timeout", "0.5");

        assertEquals(4, exitCode);
        assertEquals("", stdout());
        assertEquals("No reply from the server within 0.5 s", stderr().strip());
    }

    @Test
    void aSessionIdleLongerThanTheConnectTimeoutStaysOpen() {
        // Regression: Vert.x closed a connection one connect timeout after it opened when its
        // handshake timer happened to be the instance's first timer (id 0).
        System.setIn(DelayedInput.of("late\n", Duration.ofMillis(1500)));

        int exitCode = new CommandLine(new EchoCommand()).execute("--url", server.url("/"), "--connect-timeout", "0.5");

        assertEquals(0, exitCode, this::stderr);
        assertEquals("Server Response: late" + System.lineSeparator(), stdout());
    }

    private int run(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return new CommandLine(new EchoCommand()).execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
