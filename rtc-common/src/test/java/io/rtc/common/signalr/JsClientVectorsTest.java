package io.rtc.common.signalr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Records as the official JS client (@microsoft/signalr-protocol-msgpack 10.0.11) writes them,
 * captured once with its MessagePackHubProtocol.writeMessage; the other way round was checked by
 * hand: its parseMessages reads what this codec writes. Where the JS client leaves StreamIds out
 * of an invocation that streams nothing (5 elements), this codec writes them empty (6, as the
 * spec's examples do); all else is the same bytes both ways.
 */
class JsClientVectorsTest {

    private static final HubProtocol PACK = HubProtocol.messagePack();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String INVOCATION = "49950181a168a176a131ab53656e644d6573736167659ba4726f6f6dab68c3a96c6c6f20f09f9880"
            + "2affcb3ff8000000000000c3c092010281a16101c403010203cf0000010000000000";
    private static final String NON_BLOCKING = "0c950180c0a453656e6491a178";
    private static final String STREAM_INVOCATION = "0f950480a132a7436f756e746572910a";
    private static final String DATE_ARGUMENT = "11950180c0a15491d7ffa1a5d60065937d25";

    /** Same bytes both ways. */
    private static final Map<String, HubMessage> IDENTICAL = Map.ofEntries(
            Map.entry("11960180a137a655706c6f61649091a27331",
                    new Invocation(Map.of(), "7", "Upload", NODES.arrayNode(), List.of("s1"))),
            Map.entry("0c940280a27331a56368756e6b", new StreamItem(Map.of(), "s1", NODES.textNode("chunk"))),
            Map.entry("0b950380a13101a4626f6f6d", Completion.error("1", "boom")),
            Map.entry("0e950380a1310382a26f6bc3a16e03", Completion.result("1", NODES.objectNode().put("ok", true).put("n", 3))),
            Map.entry("06940380a13102", Completion.empty("1")),
            Map.entry("05930580a132", new CancelInvocation(Map.of(), "2")),
            Map.entry("029106", Ping.INSTANCE),
            Map.entry("039207c0", new Close(null, false)),
            Map.entry("059208cd0572", new Ack(1394)),
            Map.entry("079209ce00011170", new Sequence(70_000)));

    @Test
    void readsWhatTheJsClientWritesAndWritesTheSameBytes() throws Exception {
        for (Map.Entry<String, HubMessage> vector : IDENTICAL.entrySet()) {
            assertThat(PACK.parseAll(Hex.buf(vector.getKey()), 1 << 16)).containsExactly(vector.getValue());
            assertThat(Hex.of(PACK.write(vector.getValue()))).isEqualTo(vector.getKey());
        }
    }

    @Test
    void readsTheJsClientsInvocationWithoutStreamIdsAndAllItsValueTypes() throws Exception {
        ArrayNode arguments = NODES.arrayNode().add("room").add("héllo 😀").add(42).add(-1).add(1.5).add(true).addNull();
        arguments.addArray().add(1).add(2);
        arguments.addObject().put("a", 1);
        arguments.add(BinaryNode.valueOf(new byte[] { 1, 2, 3 })).add(1L << 40);
        Invocation expected = new Invocation(Map.of("h", "v"), "1", "SendMessage", arguments, List.of());
        assertThat(PACK.parseAll(Hex.buf(INVOCATION), 1 << 16)).containsExactly(expected);
        assertThat(((Invocation) PACK.parseAll(Hex.buf(INVOCATION), 1 << 16).get(0)).arguments().get(10).bigIntegerValue())
                .isEqualTo(BigInteger.ONE.shiftLeft(40));
    }

    @Test
    void writesInvocationsWithEmptyStreamIdsWhereTheJsClientOmitsThem() throws Exception {
        Invocation send = Invocation.of("Send", "x");
        assertThat(PACK.parseAll(Hex.buf(NON_BLOCKING), 1 << 16)).containsExactly(send);
        assertThat(Hex.of(PACK.write(send))).isEqualTo("0d960180c0a453656e6491a17890");
        StreamInvocation counter = new StreamInvocation(Map.of(), "2", "Counter", NODES.arrayNode().add(10), List.of());
        assertThat(PACK.parseAll(Hex.buf(STREAM_INVOCATION), 1 << 16)).containsExactly(counter);
        assertThat(Hex.of(PACK.write(counter))).isEqualTo("10960480a132a7436f756e746572910a90");
    }

    @Test
    void aJsDateArrivesAsItsIsoText() throws Exception {
        assertThat(PACK.parseAll(Hex.buf(DATE_ARGUMENT), 1 << 16)).containsExactly(Invocation.of("T", "2024-01-02T03:04:05.678Z"));
    }

    @Test
    void severalJsRecordsInOneBuffer() throws Exception {
        String all = String.join("", IDENTICAL.keySet()) + INVOCATION + NON_BLOCKING;
        assertThat(PACK.parseAll(Hex.buf(all), 1 << 16)).hasSize(IDENTICAL.size() + 2);
    }
}
