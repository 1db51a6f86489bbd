package io.rtc.cli.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtc.cli.support.FreePort;
import io.rtc.cli.support.TestFanoutServer;
import io.rtc.cli.support.TestFanoutServer.Request;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `rtc publish` against an in-test fanout-service. Runs the picocli command directly with the process's
 * stdin/stdout replaced, because @QuarkusMainTest keeps System.in for itself. Each test uses its own
 * channel (base path) of the fake, so the requests it sees are its own.
 */
class PublishCommandTest {

    private static TestFanoutServer server;
    private final InputStream originalIn = System.in;
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
        System.setIn(originalIn);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void oneMessageIsPublishedOnceWithAFreshMessageId() {
        int exitCode = run("", "--url", server.url("single"), "hello wörld");

        assertThat(exitCode).as(this::stderr).isZero();
        List<Request> requests = server.requests("single");
        assertThat(requests).hasSize(1);
        Request request = requests.get(0);
        assertThat(request.body()).isEqualTo("hello wörld");
        assertThat(request.contentType()).isEqualTo("text/plain");
        assertThat(request.messageId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(stdout()).isEqualTo(" [x] Sent: hello wörld (id " + request.messageId() + ")\n");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void pipedLinesArePublishedUntilAnEmptyLine() {
        int exitCode = run("first\nsecond line\n\nnever sent\n", "--url", server.url("piped"));

        assertThat(exitCode).as(this::stderr).isZero();
        List<Request> requests = server.requests("piped");
        assertThat(requests).extracting(Request::body).containsExactly("first", "second line");
        assertThat(requests.get(0).messageId()).isNotEqualTo(requests.get(1).messageId());
        // In a pipe there is no prompt: stdout is the seed's lines only.
        assertThat(stdout().lines()).containsExactly(
                " [x] Sent: first (id " + requests.get(0).messageId() + ")",
                " [x] Sent: second line (id " + requests.get(1).messageId() + ")");
    }

    @Test
    void theEndOfInputEndsToo() {
        int exitCode = run("only", "--url", server.url("eof"));

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(server.requests("eof")).extracting(Request::body).containsExactly("only");
    }

    @Test
    void a503IsRetriedWithTheSameMessageIdAfterRetryAfter() {
        long start = System.nanoTime();

        int exitCode = run("", "--url", server.url("busy"), "try again");

        assertThat(exitCode).as(this::stderr).isZero();
        List<Request> requests = server.requests("busy");
        assertThat(requests).extracting(Request::status).containsExactly(503, 202);
        assertThat(requests.get(1).messageId()).isEqualTo(requests.get(0).messageId()).isNotNull();
        // Retry-After: 1
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(stderr().strip()).isEqualTo(
                "Server unavailable (503: broker did not confirm in time); retrying in 1 s (retry 1 of 5)");
        assertThat(stdout()).isEqualTo(" [x] Sent: try again (id " + requests.get(0).messageId() + ")\n");
    }

    @Test
    void anIdGivenIsUsedAndPublishingTwiceIsIdempotent() {
        assertThat(run("", "--url", server.url("idempotent"), "--id", "order-42", "once")).isZero();
        assertThat(run("", "--url", server.url("idempotent"), "--id", "order-42", "once")).isZero();

        assertThat(server.requests("idempotent")).extracting(Request::messageId).containsExactly("order-42", "order-42");
        assertThat(stdout().lines()).containsExactly(" [x] Sent: once (id order-42)", " [x] Sent: once (id order-42)");
    }

    @Test
    void stillUnavailableAfterTheRetriesIsExitCode1() {
        int exitCode = run("", "--url", server.url("down"), "--retries", "2", "nope");

        assertThat(exitCode).isEqualTo(1);
        assertThat(server.requests("down")).hasSize(3).extracting(Request::messageId).containsOnly(
                server.requests("down").get(0).messageId());
        assertThat(stderr().lines()).hasSize(3).last().asString()
                .isEqualTo("Not published, still unavailable after 3 attempts (503: broker did not confirm in time)");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aMessageTooLargeIsRefusedWithTheServersErrorAndExitCode5() {
        String big = "x".repeat(TestFanoutServer.MAX_BODY + 1);

        int exitCode = run(big + "\n", "--url", server.url("large"));

        assertThat(exitCode).isEqualTo(5);
        assertThat(server.requests("large")).extracting(Request::status).containsExactly(413);
        assertThat(stderr().strip()).isEqualTo(
                "Not published, message too large (413: message too large: 65537 bytes, at most 65536)");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aContentTypeTheServerRefusesIsExitCode5() {
        int exitCode = run("", "--url", server.url("types"), "--content-type", "text/html", "<b>hi</b>");

        assertThat(exitCode).isEqualTo(5);
        assertThat(stderr()).contains("415: unsupported content type: text/html");
    }

    @Test
    void aJsonMessageKeepsItsContentType() {
        int exitCode = run("", "--url", server.url("json"), "--content-type", "application/json", "{\"a\":1}");

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(server.requests("json").get(0).contentType()).isEqualTo("application/json");
    }

    @Test
    void nothingListeningIsOneClearErrorAndExitCode1() throws Exception {
        int port = FreePort.find();

        int exitCode = run("", "--url", "http://127.0.0.1:" + port, "hello");

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr().strip()).startsWith("Cannot connect to http://127.0.0.1:" + port + "/api/logs: ")
                .containsIgnoringCase("refused");
        assertThat(stderr().lines()).hasSize(1);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void usageErrors() {
        assertThat(run("", "--url", "ws://localhost:8082", "x")).isEqualTo(2);
        assertThat(stderr()).contains("http://");
        assertThat(run("", "--url", server.url("usage"), "--id", "no spaces", "x")).isEqualTo(2);
        assertThat(run("", "--url", server.url("usage"), "--id", "a")).isEqualTo(2);
        assertThat(server.requests("usage")).isEmpty();
    }

    private int run(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return new CommandLine(new PublishCommand()).execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
