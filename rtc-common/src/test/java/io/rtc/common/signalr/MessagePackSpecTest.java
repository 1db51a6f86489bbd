package io.rtc.common.signalr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The byte-exact examples of the spec's MessagePack section (HubProtocol.md), both ways. */
class MessagePackSpecTest {

    private static final HubProtocol PACK = HubProtocol.messagePack();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<Arguments> examples() {
        ArrayNode fortyTwo = NODES.arrayNode().add(42);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x", "y");
        headers.put("z", "z");
        return Stream.of(
                Arguments.of("invocation", "96 01 80 a3 78 79 7a a6 6d 65 74 68 6f 64 91 2a 90",
                        new Invocation(Map.of(), "xyz", "method", fortyTwo, List.of())),
                Arguments.of("non-blocking invocation", "96 01 80 c0 a6 6d 65 74 68 6f 64 91 2a 90",
                        new Invocation(Map.of(), null, "method", fortyTwo, List.of())),
                Arguments.of("stream invocation", "96 04 80 a3 78 79 7a a6 6d 65 74 68 6f 64 91 2a 90",
                        new StreamInvocation(Map.of(), "xyz", "method", fortyTwo, List.of())),
                Arguments.of("stream item", "94 02 80 a3 78 79 7a 2a", new StreamItem(Map.of(), "xyz", NODES.numberNode(42))),
                Arguments.of("error completion", "95 03 80 a3 78 79 7a 01 a5 45 72 72 6f 72", Completion.error("xyz", "Error")),
                Arguments.of("void completion", "94 03 80 a3 78 79 7a 02", Completion.empty("xyz")),
                Arguments.of("non-void completion", "95 03 80 a3 78 79 7a 03 2a", Completion.result("xyz", NODES.numberNode(42))),
                Arguments.of("cancel invocation", "93 05 80 a3 78 79 7a", new CancelInvocation(Map.of(), "xyz")),
                Arguments.of("ping", "91 06", Ping.INSTANCE),
                Arguments.of("close", "92 07 a3 78 79 7a", new Close("xyz", false)),
                Arguments.of("close allowing reconnects", "93 07 a3 78 79 7a c3", new Close("xyz", true)),
                Arguments.of("headers", "96 01 82 a1 78 a1 79 a1 7a a1 7a a3 78 79 7a a6 6d 65 74 68 6f 64 91 2a 90",
                        new Invocation(headers, "xyz", "method", fortyTwo, List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void parsesAndWritesTheExample(String name, String payload, HubMessage message) throws Exception {
        assertThat(PACK.parse(Hex.buf(payload))).isEqualTo(message);
        byte[] body = Hex.bytes(payload);
        assertThat(Hex.of(PACK.write(message))).isEqualTo(String.format("%02x", body.length) + Hex.of(body));
    }

    @Test
    void headersKeepTheirOrder() throws Exception {
        Invocation invocation = (Invocation) PACK.parse(Hex.buf("96 01 82 a1 78 a1 79 a1 7a a1 7a a3 78 79 7a a6 6d 65 74 68 6f 64 91 2a 90"));
        assertThat(invocation.headers().keySet()).containsExactly("x", "z");
    }

    @Test
    void ackAndSequenceTakeAnyUnsignedIntAndAreWrittenInTheNarrowest() throws Exception {
        assertThat(PACK.parse(Hex.buf("92 08 cc 24"))).isEqualTo(new Ack(36));
        assertThat(PACK.parse(Hex.buf("92 09 cc 13"))).isEqualTo(new Sequence(19));
        assertThat(PACK.parse(Hex.buf("92 08 cf 00 00 00 00 00 00 00 24"))).isEqualTo(new Ack(36));
        assertThat(Hex.of(PACK.write(new Ack(36)))).isEqualTo("03920824");
        assertThat(Hex.of(PACK.write(new Sequence(19)))).isEqualTo("03920913");
    }

    @Test
    void pingIsAlwaysExactlyTheseBytes() {
        assertThat(Hex.of(PACK.write(Ping.INSTANCE))).isEqualTo("029106");
    }

    @Test
    void theLengthPrefixIsAVarInt() {
        // the spec's VarInt examples: 0x35 is 53, 0x80 0x29 is 5248
        ArrayNode text = NODES.arrayNode().add("x".repeat(5248 - 11));
        byte[] record = PACK.write(new Invocation(Map.of(), null, "m", text, List.of()));
        assertThat(Hex.of(record).substring(0, 4)).isEqualTo("8029");
        assertThat(record).hasSize(2 + 5248);
        assertThat(VarInt.size(0x7fffffff)).isEqualTo(5);
        byte[] max = new byte[5];
        VarInt.write(0x7fffffff, max, 0);
        assertThat(Hex.of(max)).isEqualTo("ffffffff07");
    }
}
