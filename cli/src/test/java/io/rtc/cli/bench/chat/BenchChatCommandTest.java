package io.rtc.cli.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.rtc.cli.support.TestChatHub;
import io.rtc.cli.support.TestSocketIoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `rtc bench chat --json` end to end against in-test servers of both protocols, SignalR over each transport
 * and hub protocol, including a faulty server.
 */
@QuarkusMainTest
class BenchChatCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestChatHub hub;
    private static TestSocketIoServer socketIo;

    @BeforeAll
    static void startServers() throws Exception {
        hub = TestChatHub.start(2);
        socketIo = TestSocketIoServer.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        hub.close();
        socketIo.close();
    }

    @Test
    void signalRAcrossTwoInstancesDeliversEverythingOnce(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "chat", "--json", "--url",
                hub.url(0, "/chatHub") + "," + hub.url(1, "/chatHub"), "--rooms", "3", "--members", "4",
                "--senders", "2", "--rate", "50", "--duration", "1.5", "--warmup", "0.5", "--message-size", "100");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(report.get("scenario").asText()).isEqualTo("chat");
        assertThat(report.get("protocol").asText()).isEqualTo("signalr");
        assertThat(report.get("transport").asText()).isEqualTo("websockets");
        assertThat(report.get("hubProtocol").asText()).isEqualTo("json");
        assertThat(report.get("urls")).hasSize(2);
        assertThat(report.get("connections").asInt()).isEqualTo(12);
        assertThat(report.get("opened").asInt()).isEqualTo(12);
        assertThat(report.get("joined").asInt()).isEqualTo(12);
        long sent = report.get("sent").asLong();
        // 6 senders at 50 msg/s for 1.5 s: about 450, whatever the timer jitter.
        assertThat(sent).isBetween(300L, 600L);
        assertThat(report.get("expected").asLong()).isEqualTo(sent * 4);
        assertThat(report.get("deliveries").asLong()).isEqualTo(sent * 4);
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("duplicated").asLong()).isZero();
        assertThat(report.get("wrong").asLong()).isZero();
        assertThat(report.get("errors").asLong()).isZero();
        assertThat(report.get("sendRate").asDouble()).isBetween(200.0, 400.0);
        JsonNode latency = report.get("latencyMicros");
        assertThat(latency.get("count").asLong()).isEqualTo(sent * 4);
        assertThat(latency.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(latency.get("p99").asDouble());
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(result.getErrorOutput()).contains("connect and join done");
    }

    @ParameterizedTest
    @CsvSource({"websockets, messagepack", "sse, json", "longpolling, json", "longpolling, messagepack"})
    void everyTransportAndHubProtocolDeliversEverythingOnce(String transport, String hubProtocol,
                                                             QuarkusMainLauncher launcher) throws Exception {
        int handshakesBefore = hub.handshakes().size();

        LaunchResult result = launcher.launch("bench", "chat", "--json", "--quiet", "--transport", transport,
                "--protocol", hubProtocol, "--url", hub.url(0, "/chatHub") + "," + hub.url(1, "/chatHub"),
                "--rooms", "2", "--members", "3", "--senders", "1", "--rate", "20", "--duration", "1", "--warmup", "0");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(report.get("protocol").asText()).isEqualTo("signalr");
        assertThat(report.get("transport").asText()).isEqualTo(transport);
        assertThat(report.get("hubProtocol").asText()).isEqualTo(hubProtocol);
        assertThat(report.get("joined").asInt()).isEqualTo(6);
        assertThat(report.get("deliveries").asLong()).isEqualTo(report.get("sent").asLong() * 3).isPositive();
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(hub.handshakes().subList(handshakesBefore, hub.handshakes().size()))
                .hasSize(6).containsOnly(transport + "/" + hubProtocol);
        assertThat(hub.conflicts()).isZero();
    }

    @Test
    void lossesAndDuplicatesAreCountedAndFailTheRun(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "chat", "--json", "--quiet", "--url", hub.url(0, "/flakyHub"),
                "--rooms", "1", "--members", "3", "--senders", "1", "--rate", "100", "--duration", "1",
                "--warmup", "0", "--drain", "0.5");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).isEqualTo(1);
        long sent = report.get("sent").asLong();
        // The hub drops one member's copy of every 5th message and sends every 7th twice.
        assertThat(report.get("lost").asLong()).isBetween(sent / 5 - 2, sent / 5 + 2);
        assertThat(report.get("duplicated").asLong()).isBetween((sent / 7 - 2) * 3 - 1, (sent / 7 + 2) * 3);
        assertThat(report.get("deliveries").asLong() + report.get("lost").asLong())
                .isEqualTo(report.get("expected").asLong());
        assertThat(report.get("passed").asBoolean()).isFalse();
    }

    @Test
    void signalRWithoutNegotiation(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("bench", "chat", "--json", "--skip-negotiation",
                "--url", hub.url(1, "/chatHub"), "--rooms", "2", "--members", "3", "--senders", "1", "--rate", "20",
                "--duration", "1", "--warmup", "0");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(report.get("deliveries").asLong()).isEqualTo(report.get("sent").asLong() * 3);
    }

    @Test
    void socketIoSpeaksEngineIoAndAnswersTheHeartbeat(QuarkusMainLauncher launcher) throws Exception {
        int pongsBefore = socketIo.pongs();

        LaunchResult result = launcher.launch("bench", "chat", "--json", "--protocol", "socketio",
                "--url", socketIo.url(), "--rooms", "2", "--members", "5", "--senders", "2", "--rate", "20",
                "--duration", "1.5", "--warmup", "0.5", "--connect-timeout", "1");

        JsonNode report = onlyJsonObject(result);
        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(report.get("protocol").asText()).isEqualTo("socketio");
        assertThat(report.get("transport").asText()).isEqualTo("websockets");
        assertThat(report.has("hubProtocol")).isFalse();
        assertThat(report.get("joined").asInt()).isEqualTo(10);
        assertThat(report.get("deliveries").asLong()).isEqualTo(report.get("sent").asLong() * 5).isPositive();
        // Regression: with Vert.x's handshake timer as the first timer (id 0), one connection was
        // closed one connect timeout after it opened, i.e. in the middle of this run.
        assertThat(report.get("closedByPeer").asLong()).isZero();
        // The server pings every 300 ms and drops a client whose pong is late: the run outlived several.
        assertThat(socketIo.pongs() - pongsBefore).isGreaterThanOrEqualTo(10 * 3);
        assertThat(socketIo.pingTimeouts()).isZero();
    }

    @Test
    void humanSummaryNamesTheChecks(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("bench", "chat", "--quiet", "--url", hub.url(0, "/chatHub"),
                "--rooms", "1", "--members", "2", "--senders", "1", "--rate", "10", "--duration", "0.5", "--warmup", "0");

        assertThat(result.exitCode()).as(result::getErrorOutput).isZero();
        assertThat(result.getOutput()).contains("chat signalr: " + hub.url(0, "/chatHub"))
                .contains("deliveries/s").contains("0 lost, 0 duplicated").contains("PASS");
    }

    @Test
    void impossibleOptionsAreUsageErrors(QuarkusMainLauncher launcher) {
        assertThat(launcher.launch("bench", "chat", "--members", "2", "--senders", "3").exitCode()).isEqualTo(2);
        LaunchResult protocol = launcher.launch("bench", "chat", "--protocol", "mqtt");
        assertThat(protocol.exitCode()).isEqualTo(2);
        assertThat(protocol.getErrorOutput()).contains("signalr, socketio");
        LaunchResult binaryOverText = launcher.launch("bench", "chat", "--transport", "sse", "--protocol", "messagepack");
        assertThat(binaryOverText.exitCode()).isEqualTo(2);
        assertThat(binaryOverText.getErrorOutput()).contains("--transport sse carries text only");
        LaunchResult transport = launcher.launch("bench", "chat", "--transport", "smoke-signals");
        assertThat(transport.exitCode()).isEqualTo(2);
        assertThat(transport.getErrorOutput()).contains("websockets, sse, longpolling");
        assertThat(launcher.launch("bench", "chat", "--protocol", "socketio", "--transport", "longpolling").exitCode())
                .isEqualTo(2);
        assertThat(launcher.launch("bench", "chat", "--transport", "sse", "--skip-negotiation").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("bench", "chat", "--url", "ftp://x/").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("bench", "chat", "--message-size", "10").exitCode()).isEqualTo(2);
    }

    /** Stdout must be exactly one JSON object: scripts parse it without filtering. */
    private static JsonNode onlyJsonObject(LaunchResult result) throws Exception {
        assertThat(result.getOutputStream()).as(result::getOutput).hasSize(1);
        JsonNode node = JSON.readTree(result.getOutput());
        assertThat(node.isObject()).as(result::getOutput).isTrue();
        return node;
    }
}
