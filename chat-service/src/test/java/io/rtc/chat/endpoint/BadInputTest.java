package io.rtc.chat.endpoint;

import static io.rtc.chat.support.HubTestClient.RS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.chat.support.HubTestClient;

/** What closes a connection: SignalR's Close with the error, then a WebSocket close code that says why. */
@QuarkusTest
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/chatHub")
    URL hub;

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            client.sendText(HubTestClient.invocation("1", "SendMessage", "r", "u", "x".repeat(40_000)));
            assertClosedWithError(client, "maximum message size of 32768B");
            assertThat(client.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void aRecordThatNeverEndsIsCutAtTheLimit() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            for (int i = 0; i < 5; i++) {
                client.sendText("{\"type\":1,\"target\":\"" + "y".repeat(8000));
            }
            assertClosedWithError(client, "maximum message size");
            assertThat(client.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void justUnderTheLimitIsDelivered() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            String body = "z".repeat(32_000);
            client.sendText(HubTestClient.invocation(null, "JoinRoom", "big-ones"));
            assertThat(client.invoke("SendMessage", "big-ones", "u", body).has("error")).isFalse();
            client.nextMessage();
            assertThat(client.nextMessage()).isEqualTo("u: " + body);
        }
    }

    @Test
    void malformedJsonClosesWith1007() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            client.sendText("{\"type\":1,\"target\":" + RS);
            assertClosedWithError(client, "not valid JSON");
            assertThat(client.awaitClose()).isEqualTo(1007);
        }
    }

    @Test
    void aMessageWithoutATypeClosesWith1007() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            client.sendText("{\"target\":\"JoinRoom\",\"arguments\":[]}" + RS);
            assertClosedWithError(client, "'type'");
            assertThat(client.awaitClose()).isEqualTo(1007);
        }
    }

    @Test
    void anUnknownMessageTypeClosesWith1007() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            client.sendText("{\"type\":42}" + RS);
            assertClosedWithError(client, "Unknown message type '42'");
            assertThat(client.awaitClose()).isEqualTo(1007);
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            client.sendBinary(new byte[] { '{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', 0x1e });
            assertClosedWithError(client, "not valid UTF-8");
            assertThat(client.awaitClose()).isEqualTo(1007);
        }
    }

    @Test
    void aClientThatNeverShakesHandsIsDropped() throws Exception {
        try (HubTestClient client = HubTestClient.open(hub.toString())) {
            assertThat(client.awaitClose()).isEqualTo(1008);
            assertThat(client.closeReason()).contains("Handshake");
        }
    }

    @Test
    void aSilentClientTimesOut() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub.toString())) {
            client.stopPinging();
            JsonNode close;
            do {
                close = JSON.readTree(client.nextRecord());
            } while (close.get("type").asInt() == 6);
            assertThat(close.get("type").asInt()).isEqualTo(7);
            assertThat(close.get("error").asText()).contains("Server timeout elapsed");
            client.awaitClose();
        }
    }

    private static void assertClosedWithError(HubTestClient client, String error) throws Exception {
        JsonNode record = client.next();
        assertThat(record.get("type").asInt()).isEqualTo(7);
        assertThat(record.get("error").asText()).contains(error);
        assertThat(record.has("allowReconnect")).isFalse();
    }
}
