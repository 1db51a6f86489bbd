package io.rtc.common.signalr;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;

import org.msgpack.core.MessagePacker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Jackson trees as MessagePack values: objects as maps, binary as bin, integers in the narrowest
 * format msgpack-core picks, floats as float32 and doubles as float64. MessagePack has no decimal
 * and no integer beyond 64 bits, so those go as float64.
 */
final class NodePacker {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private NodePacker() {
    }

    static void pack(MessagePacker out, JsonNode node) throws IOException {
        if (node == null) {
            out.packNil();
            return;
        }
        switch (node.getNodeType()) {
            case STRING -> out.packString(node.textValue());
            case NUMBER -> number(out, node);
            case BOOLEAN -> out.packBoolean(node.booleanValue());
            case NULL, MISSING -> out.packNil();
            case BINARY -> {
                byte[] bytes = node.binaryValue();
                out.packBinaryHeader(bytes.length).writePayload(bytes);
            }
            case ARRAY -> {
                out.packArrayHeader(node.size());
                for (JsonNode element : node) {
                    pack(out, element);
                }
            }
            case OBJECT -> {
                out.packMapHeader(node.size());
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    out.packString(property.getKey());
                    pack(out, property.getValue());
                }
            }
            default -> throw new IllegalArgumentException("No MessagePack encoding for a " + node.getNodeType() + " node.");
        }
    }

    private static void number(MessagePacker out, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT, LONG -> out.packLong(node.longValue());
            case BIG_INTEGER -> {
                BigInteger value = node.bigIntegerValue();
                if (value.compareTo(INT64_MIN) >= 0 && value.compareTo(UINT64_MAX) <= 0) {
                    out.packBigInteger(value);
                } else {
                    out.packDouble(value.doubleValue());
                }
            }
            case FLOAT -> out.packFloat(node.floatValue());
            default -> out.packDouble(node.doubleValue());
        }
    }
}
