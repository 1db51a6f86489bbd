package io.rtc.common.signalr;

import java.io.IOException;
import java.math.BigInteger;

import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;

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

/**
 * MessagePack values as Jackson trees, the hub's currency: integers as IntNode, LongNode or (uint64
 * beyond a long) BigIntegerNode, float32 as FloatNode, float64 as DoubleNode, bin as BinaryNode, a
 * timestamp (ext -1) as its ISO-8601 text, any other extension as a BinaryNode of its payload (its
 * type is lost), and a map key that is no string as its text. Values nest at most
 * {@link #MAX_DEPTH} deep, so that a small record cannot exhaust the stack.
 */
final class NodeUnpacker {

    static final int MAX_DEPTH = 500;

    private NodeUnpacker() {
    }

    /** A value at the top of a message's element (an argument, an item, a result). */
    static JsonNode read(PackReader in) throws IOException, InvalidMessageException {
        return value(in, 1);
    }

    private static JsonNode value(PackReader in, int depth) throws IOException, InvalidMessageException {
        MessageFormat format = in.next();
        MessageUnpacker unpacker = in.unpacker();
        switch (format.getValueType()) {
            case NIL:
                unpacker.unpackNil();
                return NullNode.instance;
            case BOOLEAN:
                return BooleanNode.valueOf(unpacker.unpackBoolean());
            case INTEGER:
                return integer(unpacker, format);
            case FLOAT:
                return format == MessageFormat.FLOAT32 ? FloatNode.valueOf(unpacker.unpackFloat())
                        : DoubleNode.valueOf(unpacker.unpackDouble());
            case STRING:
                return TextNode.valueOf(in.string("Expected a string."));
            case BINARY:
                return BinaryNode.valueOf(unpacker.readPayload(in.fits(unpacker.unpackBinaryHeader(), 1)));
            case ARRAY:
                return array(in, depth);
            case MAP:
                return map(in, depth);
            default:
                return extension(in);
        }
    }

    private static JsonNode integer(MessageUnpacker unpacker, MessageFormat format) throws IOException {
        if (format == MessageFormat.UINT64) {
            BigInteger value = unpacker.unpackBigInteger();
            return value.bitLength() > 63 ? BigIntegerNode.valueOf(value) : LongNode.valueOf(value.longValue());
        }
        long value = unpacker.unpackLong();
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    private static ArrayNode array(PackReader in, int depth) throws IOException, InvalidMessageException {
        int size = in.fits(in.unpacker().unpackArrayHeader(), 1);
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < size; i++) {
            array.add(value(in, deeper(depth)));
        }
        return array;
    }

    private static ObjectNode map(PackReader in, int depth) throws IOException, InvalidMessageException {
        int size = in.fits(in.unpacker().unpackMapHeader(), 2);
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < size; i++) {
            JsonNode key = value(in, deeper(depth));
            map.set(key.isValueNode() ? key.asText() : key.toString(), value(in, deeper(depth)));
        }
        return map;
    }

    private static JsonNode extension(PackReader in) throws IOException, InvalidMessageException {
        MessageUnpacker unpacker = in.unpacker();
        ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
        in.fits(header.getLength(), 1);
        if (header.isTimestampType()) {
            return TextNode.valueOf(unpacker.unpackTimestamp(header).toString());
        }
        return BinaryNode.valueOf(unpacker.readPayload(header.getLength()));
    }

    private static int deeper(int depth) throws InvalidMessageException {
        if (depth >= MAX_DEPTH) {
            throw new InvalidMessageException("Message nests values more than " + MAX_DEPTH + " deep.");
        }
        return depth + 1;
    }
}
