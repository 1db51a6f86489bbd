package io.rtc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rtc.cli.support.Java;
import io.rtc.cli.support.ServiceJar;

/** The packaged {@code rtc} against the packaged echo-service, each in its own process, as a user runs them. */
class EndToEndEchoIT {

    static ServiceJar echo;

    @BeforeAll
    static void startEchoService() throws IOException {
        echo = ServiceJar.start("echo-service");
    }

    @AfterAll
    static void stopEchoService() throws InterruptedException {
        echo.close();
    }

    @Test
    void pipedLinesComeBackAsServerResponses() throws Exception {
        Result result = rtc("hi\nhéllo ✓\n", "echo", "--url", "ws://127.0.0.1:" + echo.port() + "/");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("Server Response: hi\nServer Response: héllo ✓\n");
    }

    @Test
    void benchEchoReportsThroughputAndNoWrongReplies() throws Exception {
        Result result = rtc("", "bench", "echo", "--url", "ws://127.0.0.1:" + echo.port() + "/echo", "--connections", "4",
                "--window", "4", "--duration", "2", "--warmup", "1", "--json", "--quiet");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.stdout());
        assertThat(report.get("messages").asLong()).isPositive();
        assertThat(report.get("wrongReplies").asLong()).isZero();
        assertThat(report.get("errors").asLong()).isZero();
        assertThat(report.get("latencyMicros").get("p99").asDouble()).isPositive();
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result rtc(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Java.executable(), "-jar",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("rtc finished").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
