package io.rtc.cli.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.rtc.cli.support.FreePort;
import io.rtc.cli.support.TestEchoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `rtc bench echo --json` end to end against an in-test server, including one that answers wrongly. */
@QuarkusMainTest
class BenchEchoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestEchoServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestEchoServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void closedLoopAgainstACorrectServerPasses(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "echo", "--json", "--url", server.url("/echo"),
                "--connections", "8", "--window", "4", "--size", "64", "--duration", "2", "--warmup", "0.5",
                "--local-addresses", "127.0.0.1,127.0.0.2");

        JsonNode report = onlyJsonObject(result);
        assertEquals(0, result.exitCode(), result::getErrorOutput);
        assertEquals("echo", report.get("scenario").asText());
        assertEquals(8, report.get("connections").asInt());
        assertEquals(8, report.get("opened").asInt());
        assertTrue(report.get("messages").asLong() > 0, report::toString);
        assertTrue(report.get("throughput").asDouble() > 0, report::toString);
        assertEquals(0, report.get("wrongReplies").asLong());
        assertEquals(0, report.get("errors").asLong());
        assertEquals(0, report.get("timeouts").asLong());
        assertEquals(8, report.get("openAtEnd").asInt());
        JsonNode latency = report.get("latencyMicros");
        assertTrue(latency.get("p50").asDouble() > 0, report::toString);
        assertTrue(latency.get("p50").asDouble() <= latency.get("p99").asDouble());
        assertTrue(latency.get("p99").asDouble() <= latency.get("max").asDouble());
        assertTrue(report.get("passed").asBoolean());
    }

    @Test
    void wrongRepliesAreCountedAndFailTheRun(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "echo", "--json", "--url", server.url("/wrong"),
                "--connections", "4", "--window", "2", "--duration", "1", "--warmup", "0");

        JsonNode report = onlyJsonObject(result);
        assertEquals(1, result.exitCode());
        long messages = report.get("messages").asLong();
        long wrong = report.get("wrongReplies").asLong();
        assertTrue(wrong > 0, report::toString);
        // The server corrupts every 10th reply: about a tenth must be caught, not just a few.
        assertTrue(wrong >= messages / TestEchoServer.WRONG_EVERY / 2, report::toString);
        assertFalse(report.get("passed").asBoolean());
    }

    @Test
    void binaryLargeMessagesAreVerified(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "echo", "--json", "--url", server.url("/"), "--binary",
                "--connections", "2", "--window", "2", "--size", "65536", "--duration", "1", "--warmup", "0");

        JsonNode report = onlyJsonObject(result);
        assertEquals(0, result.exitCode(), result::getErrorOutput);
        assertEquals("binary", report.get("payload").asText());
        assertTrue(report.get("messages").asLong() > 0, report::toString);
    }

    @Test
    void idleHoldsConnectionsAndReportsThemOpen(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "echo", "--json", "--idle", "--url", server.url("/"),
                "--connections", "50", "--duration", "1");

        JsonNode report = onlyJsonObject(result);
        assertEquals(0, result.exitCode(), result::getErrorOutput);
        assertEquals("idle", report.get("mode").asText());
        assertEquals(50, report.get("opened").asInt());
        assertEquals(50, report.get("messages").asInt(), "one verified message per connection");
        assertEquals(50, report.get("openAtEnd").asInt());
        assertTrue(result.getErrorOutput().contains("holding 50 connections"), result::getErrorOutput);
    }

    @Test
    void connectFailuresFailTheRun(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "echo", "--json", "--quiet",
                "--url", "ws://127.0.0.1:" + FreePort.find() + "/", "--connections", "3", "--duration", "0.2",
                "--warmup", "0");

        JsonNode report = onlyJsonObject(result);
        assertEquals(1, result.exitCode());
        assertEquals(3, report.get("connectFailures").asInt());
        assertEquals(0, report.get("opened").asInt());
    }

    /** Stdout must be exactly one JSON object: scripts parse it without filtering. */
    private static JsonNode onlyJsonObject(LaunchResult result) throws Exception {
        assertEquals(1, result.getOutputStream().size(), result::getOutput);
        JsonNode node = JSON.readTree(result.getOutput());
        assertTrue(node.isObject(), result::getOutput);
        return node;
    }
}
