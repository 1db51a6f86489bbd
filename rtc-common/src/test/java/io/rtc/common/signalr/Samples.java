package io.rtc.common.signalr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One message of every type, with headers where the type has them, for round trips in both protocols. */
final class Samples {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Samples() {
    }

    static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("trace", "abc");
        headers.put("ünïcode", "välue 😀");
        return headers;
    }

    static ArrayNode arguments() {
        ObjectNode object = NODES.objectNode().put("name", "x").put("n", 3);
        object.putArray("list").add(true).addNull().add(2.5);
        return NODES.arrayNode().add("room").add(42).add(-7_000_000_000L).add(false).addNull().add(object);
    }

    static List<HubMessage> all() {
        return List.of(
                new Invocation(headers(), "1", "SendMessage", arguments(), List.of()),
                new Invocation(Map.of(), null, "Notify", arguments(), List.of()),
                new Invocation(headers(), "2", "Upload", NODES.arrayNode(), List.of("s1", "s2")),
                Invocation.of("ReceiveMessage", "ann", "hello"),
                new StreamInvocation(headers(), "3", "Counter", NODES.arrayNode().add(10), List.of()),
                new StreamInvocation(Map.of(), "4", "Echo", NODES.arrayNode(), List.of("s3")),
                new StreamItem(headers(), "3", NODES.objectNode().put("i", 1)),
                new StreamItem(Map.of(), "3", NODES.nullNode()),
                Completion.error("1", "It didn't work!"),
                Completion.result("1", NODES.numberNode(42)),
                Completion.result("1", NODES.nullNode()),
                Completion.empty("1"),
                new Completion(headers(), "5", null, NODES.textNode("r"), true),
                new CancelInvocation(headers(), "3"),
                new CancelInvocation(Map.of(), "3"),
                Ping.INSTANCE,
                new Close(null, false),
                new Close("Server shutting down.", true),
                new Close("Connection closed with an error.", false),
                new Ack(1394),
                new Ack(Long.MAX_VALUE),
                new Sequence(1),
                new Sequence(70_000));
    }
}
