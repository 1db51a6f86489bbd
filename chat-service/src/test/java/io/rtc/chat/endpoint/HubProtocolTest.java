package io.rtc.chat.endpoint;

import static io.rtc.chat.support.HubTestClient.RS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.chat.support.HubTestClient;

/** The JSON hub protocol spoken with raw records: handshake, framing, and the errors that keep the connection. */
@QuarkusTest
class HubProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/chatHub")
    URL hub;

    private String room() {
        return "room-" + UUID.randomUUID();
    }

    @Test
    void handshakeMayArriveInPiecesAndCarryTheFirstInvocation() throws Exception {
        try (HubTestClient client = HubTestClient.open(hub.toString())) {
            String room = room();
            String handshake = HubTestClient.HANDSHAKE + HubTestClient.invocation("1", "JoinRoom", room);
            client.sendText(handshake.substring(0, 10));
            client.sendText(handshake.substring(10));
            assertThat(client.nextRecord()).isEqualTo("{}");
            assertThat(client.completion("1").has("error")).isFalse();
            assertThat(client.nextMessage()).endsWith(" has joined the room " + room);
        }
    }

    @Test
    void anUnsupportedProtocolIsRefusedInTheHandshake() throws Exception {
        try (HubTestClient client = HubTestClient.open(hub.toString())) {
            client.sendText("{\"protocol\":\"protobuf\",\"version\":1}" + RS);
            assertThat(JSON.readTree(client.nextRecord()).get("error").asText()).contains("'protobuf' is not supported");
            client.awaitClose();
        }
        try (HubTestClient client = HubTestClient.open(hub.toString())) {
            client.sendText("{\"protocol\":\"json\",\"version\":3}" + RS);
            assertThat(JSON.readTree(client.nextRecord()).get("error").asText()).contains("version 3");
            client.awaitClose();
        }
    }

    @Test
    void severalRecordsInOneFrameAreAllAnswered() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            String room = room();
            client.sendText(HubTestClient.invocation("1", "JoinRoom", room)
                    + HubTestClient.invocation("2", "SendMessage", room, "ann", "one")
                    + HubTestClient.invocation("3", "SendMessage", room, "ann", "two"));
            assertThat(client.completion("3").has("error")).isFalse();
            assertThat(client.nextMessage()).endsWith("has joined the room " + room);
            assertThat(client.nextMessage()).isEqualTo("ann: one");
            assertThat(client.nextMessage()).isEqualTo("ann: two");
        }
    }

    @Test
    void aRecordMaySpanFrames() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            String record = HubTestClient.invocation("7", "GetHistory", room(), 5);
            client.sendText(record.substring(0, 20));
            client.sendBinary(record.substring(20).getBytes(StandardCharsets.UTF_8));
            assertThat(client.completion("7").get("result").isArray()).isTrue();
        }
    }

    @Test
    void fireAndForgetInvocationsGetNoCompletion() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            String room = room();
            client.sendText(HubTestClient.invocation(null, "JoinRoom", room));
            client.sendText(HubTestClient.invocation(null, "SendMessage", room, "ann", "quiet"));
            assertThat(client.nextMessage()).endsWith("has joined the room " + room);
            assertThat(client.nextMessage()).isEqualTo("ann: quiet");
            JsonNode probe = client.invoke("GetHistory", room, 1);
            assertThat(probe.get("invocationId").asText()).isEqualTo("1");
        }
    }

    @Test
    void anUnknownMethodIsAnErrorAndTheConnectionGoesOn() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            assertThat(client.invoke("Shout", "x").get("error").asText()).contains("Unknown hub method 'Shout'");
            assertThat(client.invoke("joinroom", room()).has("error")).as("method names ignore case").isFalse();
        }
    }

    @Test
    void wrongArgumentsAreErrorsThatNameTheProblem() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            assertThat(client.invoke("JoinRoom").get("error").asText()).contains("takes 1 argument(s), but 0");
            assertThat(client.invoke("JoinRoom", "a", "b").get("error").asText()).contains("takes 1 argument(s), but 2");
            assertThat(client.invoke("JoinRoom", 42).get("error").asText()).contains("'roomName' must be a string");
            assertThat(client.invoke("GetHistory", "r", "ten").get("error").asText()).contains("'limit' must be an integer");
            assertThat(client.invoke("GetHistory", "r", 0).get("error").asText()).contains("limit must be between 1 and");
            assertThat(client.invoke("SendMessage", "r", "", "hi").get("error").asText()).contains("User name must not be empty");
            assertThat(client.invoke("JoinRoom", room()).has("error")).isFalse();
        }
    }

    @Test
    void roomNamesAreChecked() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            assertThat(client.invoke("JoinRoom", "").get("error").asText()).contains("must not be empty");
            assertThat(client.invoke("JoinRoom", "a\u0007b").get("error").asText()).contains("control characters");
            assertThat(client.invoke("JoinRoom", "x".repeat(101)).get("error").asText()).contains("longer than 100");
            assertThat(client.invoke("JoinRoom", "café ☕ room").has("error")).isFalse();
        }
    }

    @Test
    void streamingIsRefusedWithACompletionError() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            client.sendText("{\"type\":4,\"invocationId\":\"s1\",\"target\":\"JoinRoom\",\"arguments\":[\"r\"]}" + RS);
            assertThat(client.completion("s1").get("error").asText()).contains("Streaming hub methods are not supported");
            client.sendText("{\"type\":5,\"invocationId\":\"s1\"}" + RS);
            assertThat(client.completion("s1").get("error").asText()).contains("nothing to cancel");
            client.sendText("{\"type\":1,\"invocationId\":\"s2\",\"target\":\"SendMessage\",\"arguments\":[],\"streamIds\":[\"x\"]}" + RS);
            assertThat(client.completion("s2").get("error").asText()).contains("streaming is not supported");
            assertThat(client.invoke("JoinRoom", room()).has("error")).isFalse();
        }
    }

    @Test
    void anIdleClientIsPinged() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            assertThat(client.nextRecord()).isEqualTo("{\"type\":6}");
        }
    }

    @Test
    void aClientCloseEndsTheConnection() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            client.sendText("{\"type\":7}" + RS);
            assertThat(client.awaitClose()).isEqualTo(1000);
        }
    }
}
