package io.rtc.common.signalr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.netty.buffer.Unpooled;

class JsonHubProtocolTest {

    private static final HubProtocol JSON = HubProtocol.json();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void writesWhatTheHubHasAlwaysWritten() {
        assertThat(text(Invocation.of("ReceiveMessage", "a", "b")))
                .isEqualTo("{\"type\":1,\"target\":\"ReceiveMessage\",\"arguments\":[\"a\",\"b\"]}\u001e");
        assertThat(text(Completion.result("7", NODES.objectNode().put("id", "m1"))))
                .isEqualTo("{\"type\":3,\"invocationId\":\"7\",\"result\":{\"id\":\"m1\"}}\u001e");
        assertThat(text(Completion.empty("7"))).isEqualTo("{\"type\":3,\"invocationId\":\"7\"}\u001e");
        assertThat(text(Completion.error("7", "Unknown hub method 'Shout'.")))
                .isEqualTo("{\"type\":3,\"invocationId\":\"7\",\"error\":\"Unknown hub method 'Shout'.\"}\u001e");
        assertThat(text(new Close("Connection closed with an error. Boom.", false)))
                .isEqualTo("{\"type\":7,\"error\":\"Connection closed with an error. Boom.\"}\u001e");
        assertThat(text(new Close("Server is shutting down.", true)))
                .isEqualTo("{\"type\":7,\"error\":\"Server is shutting down.\",\"allowReconnect\":true}\u001e");
        assertThat(text(new Close(null, false))).isEqualTo("{\"type\":7}\u001e");
        assertThat(text(Ping.INSTANCE)).isEqualTo("{\"type\":6}\u001e");
    }

    @Test
    void writesTheOtherTypesAsTheSpecShowsThem() {
        assertThat(text(new Invocation(Map.of("Foo", "Bar"), "123", "Send", NODES.arrayNode().add(42), List.of("1"))))
                .isEqualTo("{\"type\":1,\"headers\":{\"Foo\":\"Bar\"},\"invocationId\":\"123\",\"target\":\"Send\","
                        + "\"arguments\":[42],\"streamIds\":[\"1\"]}\u001e");
        assertThat(text(new StreamItem(Map.of(), "123", NODES.numberNode(42))))
                .isEqualTo("{\"type\":2,\"invocationId\":\"123\",\"item\":42}\u001e");
        assertThat(text(new CancelInvocation(Map.of(), "123"))).isEqualTo("{\"type\":5,\"invocationId\":\"123\"}\u001e");
        assertThat(text(new Ack(1394))).isEqualTo("{\"type\":8,\"sequenceId\":1394}\u001e");
        assertThat(text(new Sequence(1234))).isEqualTo("{\"type\":9,\"sequenceId\":1234}\u001e");
    }

    @Test
    void textBeyondAsciiIsPlainUtf8AsBefore() {
        // a String-based writer, as the hub had, wrote emoji as 4 UTF-8 bytes, not as \\u escapes
        assertThat(text(Invocation.of("ReceiveMessage", "zoë", "hi 😀 \"quoted\" \n")))
                .isEqualTo("{\"type\":1,\"target\":\"ReceiveMessage\",\"arguments\":[\"zoë\",\"hi 😀 \\\"quoted\\\" \\n\"]}\u001e");
    }

    @Test
    void readsWhatClientsSend() throws Exception {
        HubMessage message = parse("{\"type\":1,\"invocationId\":\"1\",\"target\":\"SendMessage\",\"arguments\":[\"lobby\",\"hi\"]}");
        assertThat(message).isEqualTo(new Invocation(Map.of(), "1", "SendMessage",
                NODES.arrayNode().add("lobby").add("hi"), List.of()));
        assertThat(parse("{\"type\":6}")).isEqualTo(Ping.INSTANCE);
        assertThat(parse("{\"type\":7}")).isEqualTo(new Close(null, false));
        assertThat(parse("{\"type\":1,\"target\":\"Send\",\"arguments\":[],\"invocationId\":null,\"extra\":1}"))
                .isEqualTo(Invocation.of("Send"));
        assertThat(parse("{\"type\":3,\"invocationId\":\"1\",\"result\":null}")).isEqualTo(Completion.result("1", null));
        assertThat(parse("{\"type\":8,\"sequenceId\":5}")).isEqualTo(new Ack(5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1,2]|Message is not a JSON object.",
            "\"text\"|Message is not a JSON object.",
            "''|Message is not a JSON object.",
            "{\"type\":|Message is not valid JSON: ",
            "{\"target\":\"x\"}|Missing or invalid 'type' property in message.",
            "{\"type\":\"1\"}|Missing or invalid 'type' property in message.",
            "{\"type\":1,\"invocationId\":5,\"target\":\"x\",\"arguments\":[]}|Expected 'invocationId' to be of type String.",
            "{\"type\":1,\"arguments\":[]}|Missing required property 'target'.",
            "{\"type\":1,\"target\":\"x\"}|Missing required property 'arguments'.",
            "{\"type\":1,\"target\":\"x\",\"arguments\":{}}|Missing required property 'arguments'.",
            "{\"type\":1,\"target\":\"x\",\"arguments\":[],\"streamIds\":[1]}|Expected 'streamIds' to be an array of strings.",
            "{\"type\":1,\"target\":\"x\",\"arguments\":[],\"headers\":{\"a\":1}}|Expected 'headers' to be an object of strings.",
            "{\"type\":4,\"target\":\"x\",\"arguments\":[]}|Missing required property 'invocationId'.",
            "{\"type\":2,\"item\":1}|Missing required property 'invocationId'.",
            "{\"type\":3}|Missing required property 'invocationId'.",
            "{\"type\":3,\"invocationId\":\"1\",\"error\":\"e\",\"result\":1}|The 'error' and 'result' properties are mutually exclusive.",
            "{\"type\":3,\"invocationId\":\"1\",\"error\":1}|Expected 'error' to be of type String.",
            "{\"type\":5}|Missing required property 'invocationId'.",
            "{\"type\":7,\"allowReconnect\":\"yes\"}|Expected 'allowReconnect' to be of type Boolean.",
            "{\"type\":8}|Missing or invalid 'sequenceId' property in message.",
            "{\"type\":9,\"sequenceId\":1.5}|Missing or invalid 'sequenceId' property in message.",
    })
    void rejectsWhatTheHubHasAlwaysRejected(String record, String error) {
        assertThatThrownBy(() -> parse(record)).isInstanceOf(InvalidMessageException.class).hasMessageStartingWith(error);
    }

    @Test
    void anUnknownTypeSaysWhichAndCanBeToldApart() {
        assertThatThrownBy(() -> parse("{\"type\":42}")).isInstanceOf(UnknownMessageTypeException.class)
                .hasMessage("Unknown message type '42'.")
                .satisfies(e -> assertThat(((UnknownMessageTypeException) e).type()).isEqualTo(42));
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        assertThatThrownBy(() -> JSON.parse(Unpooled.wrappedBuffer(new byte[] { '"', (byte) 0xC3, 0x28, '"' })))
                .isInstanceOf(InvalidMessageException.class).hasMessage("Message is not valid UTF-8.");
    }

    private static String text(HubMessage message) {
        return Hex.text(JSON.write(message));
    }

    private static HubMessage parse(String record) throws InvalidMessageException {
        return JSON.parse(Hex.utf8(record));
    }
}
