package io.rtc.common.signalr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** How MessagePack values map to Jackson trees and back. */
class MessagePackValuesTest {

    private static final HubProtocol PACK = HubProtocol.messagePack();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** [1, {}, nil, "m", [ ... ], []]: an invocation whose single argument follows. */
    private static final String BEFORE = "96 01 80 c0 a1 6d 91";
    private static final String AFTER = "90";

    @Test
    void eachMessagePackTypeBecomesItsNode() throws Exception {
        assertThat(argument("c0")).isEqualTo(NullNode.instance);
        assertThat(argument("c3")).isEqualTo(BooleanNode.TRUE);
        assertThat(argument("c2")).isEqualTo(BooleanNode.FALSE);
        assertThat(argument("7f")).isEqualTo(IntNode.valueOf(127));
        assertThat(argument("e0")).isEqualTo(IntNode.valueOf(-32));
        assertThat(argument("cd 01 2c")).isEqualTo(IntNode.valueOf(300));
        assertThat(argument("ce ff ff ff ff")).isEqualTo(LongNode.valueOf(0xffffffffL));
        assertThat(argument("d3 80 00 00 00 00 00 00 00")).isEqualTo(LongNode.valueOf(Long.MIN_VALUE));
        assertThat(argument("cf 7f ff ff ff ff ff ff ff")).isEqualTo(LongNode.valueOf(Long.MAX_VALUE));
        assertThat(argument("cf ff ff ff ff ff ff ff ff"))
                .isEqualTo(BigIntegerNode.valueOf(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
        assertThat(argument("ca 3f c0 00 00")).isEqualTo(FloatNode.valueOf(1.5f));
        assertThat(argument("cb 3f f8 00 00 00 00 00 00")).isEqualTo(DoubleNode.valueOf(1.5));
        assertThat(argument("a2 68 69")).isEqualTo(TextNode.valueOf("hi"));
        assertThat(argument("a2 c3 a9")).isEqualTo(TextNode.valueOf("é"));
        assertThat(argument("d9 01 78")).isEqualTo(TextNode.valueOf("x"));
        assertThat(argument("c4 03 01 02 03")).isEqualTo(BinaryNode.valueOf(new byte[] { 1, 2, 3 }));
        assertThat(argument("92 01 a1 61")).isEqualTo(NODES.arrayNode().add(1).add("a"));
        assertThat(argument("82 a1 61 01 a1 62 c0")).isEqualTo(NODES.objectNode().put("a", 1).putNull("b"));
    }

    @Test
    void mapKeysOfOtherTypesBecomeTheirText() throws Exception {
        ObjectNode expected = NODES.objectNode().put("1", "int").put("true", "bool").put("null", "nil").put("[1]", "array");
        assertThat(argument("84 01 a3 69 6e 74 c3 a4 62 6f 6f 6c c0 a3 6e 69 6c 91 01 a5 61 72 72 61 79")).isEqualTo(expected);
    }

    @Test
    void extensionsBecomeTheirPayloadAndTimestampsTheirIsoText() throws Exception {
        assertThat(argument("d4 05 2a")).isEqualTo(BinaryNode.valueOf(new byte[] { 42 }));
        assertThat(argument("c7 02 05 01 02")).isEqualTo(BinaryNode.valueOf(new byte[] { 1, 2 }));
        // timestamp 32: 2024-01-02T03:04:05Z; timestamp 64 as the JS client writes a Date with milliseconds
        assertThat(argument("d6 ff 65 93 7d 25")).isEqualTo(TextNode.valueOf("2024-01-02T03:04:05Z"));
        assertThat(argument("d7 ff a1 a5 d6 00 65 93 7d 25")).isEqualTo(TextNode.valueOf("2024-01-02T03:04:05.678Z"));
    }

    @Test
    void nodesArePackedInTheNarrowestFormat() {
        assertThat(packed(IntNode.valueOf(1))).isEqualTo("01");
        assertThat(packed(IntNode.valueOf(-1))).isEqualTo("ff");
        assertThat(packed(IntNode.valueOf(300))).isEqualTo("cd012c");
        assertThat(packed(LongNode.valueOf(5))).isEqualTo("05");
        assertThat(packed(LongNode.valueOf(1L << 40))).isEqualTo("cf0000010000000000");
        assertThat(packed(BigIntegerNode.valueOf(BigInteger.valueOf(7)))).isEqualTo("07");
        assertThat(packed(BigIntegerNode.valueOf(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)))).isEqualTo("cfffffffffffffffff");
        assertThat(packed(BigIntegerNode.valueOf(BigInteger.ONE.shiftLeft(64)))).isEqualTo("cb43f0000000000000");
        assertThat(packed(FloatNode.valueOf(1.5f))).isEqualTo("ca3fc00000");
        assertThat(packed(DoubleNode.valueOf(1.5))).isEqualTo("cb3ff8000000000000");
        assertThat(packed(NODES.numberNode(new java.math.BigDecimal("1.5")))).isEqualTo("cb3ff8000000000000");
        assertThat(packed(TextNode.valueOf("é"))).isEqualTo("a2c3a9");
        assertThat(packed(BinaryNode.valueOf(new byte[] { 1 }))).isEqualTo("c40101");
        assertThat(packed(NODES.objectNode().put("a", true))).isEqualTo("81a161c3");
        assertThat(packed(NODES.arrayNode().addNull())).isEqualTo("91c0");
        assertThat(packed(NODES.missingNode())).isEqualTo("c0");
    }

    @Test
    void treesRoundTrip() throws Exception {
        ArrayNode arguments = NODES.arrayNode().add(BinaryNode.valueOf(new byte[300])).add(Float.MAX_VALUE).add(Double.MIN_VALUE)
                .add("y".repeat(70_000)).add(NODES.objectNode().set("deep", NODES.arrayNode().add(NODES.arrayNode().add(1))));
        Invocation invocation = new Invocation(Map.of(), "1", "m", arguments, List.of());
        assertThat(PACK.parseAll(io.netty.buffer.Unpooled.wrappedBuffer(PACK.write(invocation)), 1 << 20)).containsExactly(invocation);
    }

    private static JsonNode argument(String value) throws InvalidMessageException {
        return ((Invocation) PACK.parse(Hex.buf(BEFORE + value + AFTER))).arguments().get(0);
    }

    /** The packed bytes of one argument, without the invocation around it. */
    private static String packed(JsonNode argument) {
        String record = Hex.of(PACK.write(new Invocation(Map.of(), null, "m", NODES.arrayNode().add(argument), List.of())));
        String body = record.substring(record.indexOf("960180c0a16d91") + 14);
        return body.substring(0, body.length() - 2);
    }
}
