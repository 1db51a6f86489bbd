package io.rtc.cli;

import static io.rtc.cli.EndToEndEchoIT.rtc;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rtc.cli.EndToEndEchoIT.Result;
import io.rtc.cli.support.ServiceJar;

/** The packaged {@code rtc chat} and {@code rtc bench chat} against two packaged chat-service instances sharing Redis. */
class EndToEndChatIT {

    static ServiceJar first;
    static ServiceJar second;

    @BeforeAll
    static void startTwoInstances() throws IOException {
        Map<String, String> env = Map.of("CHAT_TOKEN_SECRET", "end-to-end-" + UUID.randomUUID());
        first = ServiceJar.start("chat-service", env);
        second = ServiceJar.start("chat-service", env);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        first.close();
        second.close();
    }

    private static String hub(ServiceJar instance) {
        return "http://127.0.0.1:" + instance.port() + "/chatHub";
    }

    @Test
    void pipedLinesAreSentToTheRoomAndPrinted() throws Exception {
        String room = "e2e-" + UUID.randomUUID();
        Result result = rtc("hello\nsecond line\n", "chat", "--room", room, "--user", "alice", "--url", hub(first));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).containsSubsequence("has joined the room " + room, "alice: hello", "alice: second line");
    }

    @Test
    void benchAcrossBothInstancesLosesNothing() throws Exception {
        Result result = rtc("", "bench", "chat", "--url", hub(first) + "," + hub(second), "--rooms", "2", "--members", "6",
                "--senders", "2", "--rate", "20", "--duration", "2", "--warmup", "1", "--json", "--quiet");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.stdout());
        assertThat(report.get("joined").asLong()).isEqualTo(12);
        assertThat(report.get("deliveries").asLong()).isPositive();
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("duplicated").asLong()).isZero();
        assertThat(report.get("errors").asLong()).isZero();
    }
}
