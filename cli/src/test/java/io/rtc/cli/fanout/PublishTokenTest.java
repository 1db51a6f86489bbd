package io.rtc.cli.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtc.cli.support.TestFanoutServer;
import io.rtc.cli.support.TestFanoutServer.Credential;
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

/** `rtc publish --token` (or RTC_TOKEN) against the fake's /auth channel. */
class PublishTokenTest {

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
        server.credentials().clear();
    }

    @AfterEach
    void restoreStreams() {
        System.setIn(originalIn);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void theTokenIsTheBearerHeaderOfEachPost() {
        int exitCode = run(Map.of(), "one\ntwo\n", "--url", server.url("auth"), "--token", "good-token");

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(server.credentials()).containsExactly(new Credential("publish", "Bearer good-token", null),
                new Credential("publish", "Bearer good-token", null));
        assertThat(server.requests("auth")).extracting(TestFanoutServer.Request::body).containsExactly("one", "two");
        assertThat(stdout()).doesNotContain("good-token");
    }

    @Test
    void rtcTokenIsTheDefault() {
        int exitCode = run(Map.of("RTC_TOKEN", "good-token"), "", "--url", server.url("auth"), "hello");

        assertThat(exitCode).as(this::stderr).isZero();
        assertThat(server.credentials()).extracting(Credential::authorization).containsExactly("Bearer good-token");
    }

    @Test
    void aRefusedTokenIsExitCode6WithTheServersReason() {
        String token = "expired-s3cr3t-token";

        int exitCode = run(Map.of(), "", "--url", server.url("auth"), "--token", token, "hello");

        assertThat(exitCode).isEqualTo(6);
        assertThat(stderr().strip()).isEqualTo("Not published, token refused (401: Invalid token: it has expired)");
        assertThat(stderr()).doesNotContain(token);
        assertThat(stdout()).isEmpty();
        // not retried: a refused token stays refused
        assertThat(server.credentials()).hasSize(1);
    }

    @Test
    void noTokenWhereOneIsRequiredIsExitCode6() {
        int exitCode = run(Map.of(), "", "--url", server.url("auth"), "hello");

        assertThat(exitCode).isEqualTo(6);
        assertThat(stderr()).contains("401: A bearer token is required");
        assertThat(server.credentials()).containsExactly(new Credential("publish", null, null));
    }

    @Test
    void aTokenWithoutTheRoleIsExitCode6() {
        int exitCode = run(Map.of(), "first\nsecond\n", "--url", server.url("auth"), "--token", "forbidden-token");

        assertThat(exitCode).isEqualTo(6);
        assertThat(stderr().strip()).isEqualTo("Not published, not allowed (403: This token does not have the role 'publisher')");
        // the lines after a refused one are not sent
        assertThat(server.credentials()).hasSize(1);
    }

    @Test
    void aTokenThatCannotBeAHeaderIsAUsageError() {
        assertThat(run(Map.of("RTC_TOKEN", "bad\u0001token"), "", "--url", server.url("auth"), "hello")).isEqualTo(2);
        assertThat(stderr()).contains("RTC_TOKEN").doesNotContain("bad\u0001token");
        assertThat(server.credentials()).isEmpty();
    }

    private int run(Map<String, String> environment, String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        PublishCommand command = new PublishCommand();
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
