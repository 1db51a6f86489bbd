package io.rtc.common.signalr;

import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.value.ValueType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Reads one MessagePack record into a message. Like the official implementations it accepts
 * elements after the ones it knows (later protocol versions may add some) and an Invocation
 * without its StreamIds (the JS client sends 5 elements when it streams nothing); whatever else
 * is wrong, msgpack-core's own failures included, is an {@link InvalidMessageException}.
 */
final class MessagePackMessageParser {

    private static final String INVOCATION_ID = "Expected 'invocationId' to be of type String.";
    private static final String TARGET = "Expected 'target' to be of type String.";
    private static final String ERROR = "Expected 'error' to be of type String.";

    private MessagePackMessageParser() {
    }

    static HubMessage parse(ByteBuf record) throws InvalidMessageException {
        int length = record.readableBytes();
        if (length == 0) {
            throw new InvalidMessageException("Message is empty.");
        }
        // msgpack-core reads arrays without reflection; a direct buffer is copied rather than wrapped
        byte[] bytes = record.hasArray() ? record.array() : ByteBufUtil.getBytes(record);
        int offset = record.hasArray() ? record.arrayOffset() + record.readerIndex() : 0;
        try {
            PackReader in = new PackReader(bytes, offset, length);
            HubMessage message = message(in);
            in.end();
            return message;
        } catch (MessageInsufficientBufferException e) {
            throw new InvalidMessageException("Message is truncated: it ends inside a MessagePack value.", e);
        } catch (MessageSizeException e) {
            throw new InvalidMessageException("Message is not valid MessagePack: a value declares a length of "
                    + e.getSize() + ", over 2^31-1.", e);
        } catch (MessagePackException | IOException | DateTimeException e) {
            throw new InvalidMessageException("Message is not valid MessagePack: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidMessageException("Message could not be read: " + e, e);
        }
    }

    private static HubMessage message(PackReader in) throws IOException, InvalidMessageException {
        int size = in.arrayHeader("Message is not a MessagePack array.");
        if (size == 0) {
            throw new InvalidMessageException("Message is an empty array: it has no type.");
        }
        long type = in.integer("Missing or invalid 'type' property in message.");
        HubMessage message;
        int read;
        if (type == HubMessage.INVOCATION || type == HubMessage.STREAM_INVOCATION) {
            String name = type == HubMessage.INVOCATION ? "Invocation" : "StreamInvocation";
            need(size, 5, name);
            Map<String, String> headers = headers(in);
            String invocationId = type == HubMessage.INVOCATION ? optionalString(in, INVOCATION_ID) : in.string(INVOCATION_ID);
            String target = in.string(TARGET);
            ArrayNode arguments = arguments(in);
            List<String> streamIds = size >= 6 ? streamIds(in) : List.of();
            read = Math.min(size, 6);
            message = type == HubMessage.INVOCATION
                    ? new Invocation(headers, invocationId, target, arguments, streamIds)
                    : new StreamInvocation(headers, invocationId, target, arguments, streamIds);
        } else if (type == HubMessage.STREAM_ITEM) {
            need(size, read = 4, "StreamItem");
            message = new StreamItem(headers(in), in.string(INVOCATION_ID), NodeUnpacker.read(in));
        } else if (type == HubMessage.COMPLETION) {
            need(size, 4, "Completion");
            Completion completion = completion(in, size, headers(in), in.string(INVOCATION_ID));
            read = completion.error() != null || completion.hasResult() ? 5 : 4;
            message = completion;
        } else if (type == HubMessage.CANCEL_INVOCATION) {
            need(size, read = 3, "CancelInvocation");
            message = new CancelInvocation(headers(in), in.string(INVOCATION_ID));
        } else if (type == HubMessage.PING) {
            read = 1;
            message = Ping.INSTANCE;
        } else if (type == HubMessage.CLOSE) {
            need(size, 2, "Close");
            String error = optionalString(in, ERROR);
            boolean allowReconnect = size >= 3 && !in.nextIsNil() && in.bool("Expected 'allowReconnect' to be of type Boolean.");
            read = Math.min(size, 3);
            message = new Close(error, allowReconnect);
        } else if (type == HubMessage.ACK || type == HubMessage.SEQUENCE) {
            need(size, read = 2, type == HubMessage.ACK ? "Ack" : "Sequence");
            long sequenceId = in.integer("Missing or invalid 'sequenceId' property in message.");
            message = type == HubMessage.ACK ? new Ack(sequenceId) : new Sequence(sequenceId);
        } else {
            throw new UnknownMessageTypeException(type);
        }
        for (int i = read; i < size; i++) {
            NodeUnpacker.read(in);
        }
        return message;
    }

    private static Completion completion(PackReader in, int size, Map<String, String> headers, String invocationId)
            throws IOException, InvalidMessageException {
        long kind = in.integer("Expected the result kind of a Completion message to be an integer.");
        if (kind == MessagePackMessageWriter.VOID_RESULT) {
            return new Completion(headers, invocationId, null, null, false);
        }
        if (kind != MessagePackMessageWriter.ERROR_RESULT && kind != MessagePackMessageWriter.NON_VOID_RESULT) {
            throw new InvalidMessageException("Invalid result kind '" + kind + "' in a Completion message: 1 (error), 2 (void) or 3 (result) expected.");
        }
        need(size, 5, "Completion");
        if (kind == MessagePackMessageWriter.ERROR_RESULT) {
            return new Completion(headers, invocationId, in.string(ERROR), null, false);
        }
        return new Completion(headers, invocationId, null, NodeUnpacker.read(in), true);
    }

    private static Map<String, String> headers(PackReader in) throws IOException, InvalidMessageException {
        if (in.nextIsNil()) {
            return Map.of();
        }
        String error = "Expected 'headers' to be a map of strings.";
        int size = in.mapHeader(error);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            headers.put(in.string(error), in.string(error));
        }
        return headers;
    }

    private static ArrayNode arguments(PackReader in) throws IOException, InvalidMessageException {
        int size = in.arrayHeader("Expected 'arguments' to be of type Array.");
        ArrayNode arguments = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < size; i++) {
            arguments.add(NodeUnpacker.read(in));
        }
        return arguments;
    }

    private static List<String> streamIds(PackReader in) throws IOException, InvalidMessageException {
        String error = "Expected 'streamIds' to be an array of strings.";
        int size = in.arrayHeader(error);
        List<String> ids = new ArrayList<>(Math.min(size, 16));
        for (int i = 0; i < size; i++) {
            ids.add(in.string(error));
        }
        return ids;
    }

    private static String optionalString(PackReader in, String error) throws IOException, InvalidMessageException {
        return in.nextIsNil() ? null : in.string(error);
    }

    private static void need(int size, int least, String name) throws InvalidMessageException {
        if (size < least) {
            throw new InvalidMessageException("Invalid payload for " + name + " message: " + size
                    + " elements, at least " + least + " expected.");
        }
    }
}
