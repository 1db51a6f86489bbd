package io.rtc.cli.signalr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rtc.cli.json.JsonText;
import org.junit.jupiter.api.Test;

class HubCodecTest {

    @Test
    void invocationFromTheServerKeepsTargetAndArguments() {
        HubMessage message = HubCodec.parse(
                "{\"type\":1,\"target\":\"ReceiveMessage\",\"arguments\":[\"alice\",\"hi \\\"there\\\"\"]}");

        assertThat(message).isInstanceOf(HubMessage.Invocation.class);
        HubMessage.Invocation call = (HubMessage.Invocation) message;
        assertThat(call.invocationId()).isNull();
        assertThat(call.target()).isEqualTo("ReceiveMessage");
        assertThat(call.arguments()).extracting(JsonNode::asText).containsExactly("alice", "hi \"there\"");
    }

    @Test
    void completionWithResultWithErrorAndWithoutEither() {
        HubMessage.Completion result = (HubMessage.Completion) HubCodec.parse(
                "{\"type\":3,\"invocationId\":\"7\",\"result\":[{\"user\":\"a\"}]}");
        HubMessage.Completion error = (HubMessage.Completion) HubCodec.parse(
                "{\"type\":3,\"invocationId\":\"8\",\"error\":\"An unexpected error occurred invoking 'SendMessage' on the server.\"}");
        HubMessage.Completion empty = (HubMessage.Completion) HubCodec.parse("{\"type\":3,\"invocationId\":\"9\"}");

        assertThat(result.invocationId()).isEqualTo("7");
        assertThat(result.error()).isNull();
        assertThat(result.result().get(0).get("user").asText()).isEqualTo("a");
        assertThat(error.error()).startsWith("An unexpected error");
        assertThat(empty.result()).isNull();
        assertThat(empty.error()).isNull();
    }

    @Test
    void closeWithAndWithoutError() {
        HubMessage.Close withError = (HubMessage.Close) HubCodec.parse(
                "{\"type\":7,\"error\":\"Server is shutting down\",\"allowReconnect\":true}");
        HubMessage.Close plain = (HubMessage.Close) HubCodec.parse("{\"type\":7}");

        assertThat(withError.error()).isEqualTo("Server is shutting down");
        assertThat(withError.allowReconnect()).isTrue();
        assertThat(plain.error()).isNull();
        assertThat(plain.allowReconnect()).isFalse();
    }

    @Test
    void pingAndTypesThisClientDoesNotUse() {
        assertThat(HubCodec.parse("{\"type\":6}")).isInstanceOf(HubMessage.Ping.class);
        assertThat(HubCodec.parse("{\"type\":2,\"invocationId\":\"1\",\"item\":5}")).isEqualTo(new HubMessage.Other(2));
    }

    @Test
    void garbageIsRejectedWithTheRecordInTheMessage() {
        assertThatThrownBy(() -> HubCodec.parse("{\"target\":\"x\"}")).hasMessageContaining("without a type");
        assertThatThrownBy(() -> HubCodec.parse("not json")).hasMessageContaining("not json");
        assertThatThrownBy(() -> HubCodec.parse("{\"type\":3}")).hasMessageContaining("invocationId");
        assertThatThrownBy(() -> HubCodec.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handshakeAnswer() {
        assertThat(HubCodec.handshakeError("{}")).isNull();
        assertThat(HubCodec.handshakeError("{\"error\":\"Requested protocol 'json' is not available.\"}"))
                .isEqualTo("Requested protocol 'json' is not available.");
        assertThatThrownBy(() -> HubCodec.handshakeError("[]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invocationRecordsEndWithTheSeparatorAndEscapeArguments() {
        String withId = HubCodec.invocation("12", "SendMessage", "General", "alice", "a \"quoted\"\nline ü");
        String noId = HubCodec.invocation(null, "LeaveRoom", "General");

        assertThat(withId).endsWith("\u001e").containsOnlyOnce("\u001e");
        JsonNode node = JsonText.parse(withId.substring(0, withId.length() - 1));
        assertThat(node.get("type").asInt()).isEqualTo(1);
        assertThat(node.get("invocationId").asText()).isEqualTo("12");
        assertThat(node.get("target").asText()).isEqualTo("SendMessage");
        assertThat(node.get("arguments").get(2).asText()).isEqualTo("a \"quoted\"\nline ü");
        assertThat(noId).isEqualTo("{\"type\":1,\"target\":\"LeaveRoom\",\"arguments\":[\"General\"]}\u001e");
        assertThat(HubCodec.invocation("1", "GetHistory", "General", 50))
                .contains("\"arguments\":[\"General\",50]");
    }

    @Test
    void fixedRecords() {
        assertThat(HubCodec.HANDSHAKE_REQUEST).isEqualTo("{\"protocol\":\"json\",\"version\":1}\u001e");
        assertThat(HubCodec.PING).isEqualTo("{\"type\":6}\u001e");
        assertThat(HubCodec.completionError("3", "Client didn't provide a result."))
                .isEqualTo("{\"type\":3,\"invocationId\":\"3\",\"error\":\"Client didn't provide a result.\"}\u001e");
    }
}
