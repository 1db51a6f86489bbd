package io.rtc.common.signalr;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.msgpack.core.MessagePacker;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Packs a message as the spec's array. Invocations always carry the StreamIds element, empty or
 * not: the spec's examples do, and the official clients read an Invocation of 5 elements or more.
 * A Close without allowReconnect has 2 elements and one with it 3, as in the spec's examples.
 */
final class MessagePackMessageWriter {

    static final int ERROR_RESULT = 1;
    static final int VOID_RESULT = 2;
    static final int NON_VOID_RESULT = 3;

    private MessagePackMessageWriter() {
    }

    static void write(MessagePacker out, HubMessage message) throws IOException {
        if (message instanceof Invocation m) {
            invocation(out, m.type(), m.headers(), m.invocationId(), m.target(), m.arguments(), m.streamIds());
        } else if (message instanceof StreamInvocation m) {
            invocation(out, m.type(), m.headers(), m.invocationId(), m.target(), m.arguments(), m.streamIds());
        } else if (message instanceof StreamItem m) {
            start(out, 4, m.type(), m.headers()).packString(m.invocationId());
            NodePacker.pack(out, m.item());
        } else if (message instanceof Completion m) {
            completion(out, m);
        } else if (message instanceof CancelInvocation m) {
            start(out, 3, m.type(), m.headers()).packString(m.invocationId());
        } else if (message instanceof Ping) {
            out.packArrayHeader(1).packInt(HubMessage.PING);
        } else if (message instanceof Close m) {
            out.packArrayHeader(m.allowReconnect() ? 3 : 2).packInt(HubMessage.CLOSE);
            string(out, m.error());
            if (m.allowReconnect()) {
                out.packBoolean(true);
            }
        } else if (message instanceof Ack m) {
            out.packArrayHeader(2).packInt(HubMessage.ACK).packLong(m.sequenceId());
        } else if (message instanceof Sequence m) {
            out.packArrayHeader(2).packInt(HubMessage.SEQUENCE).packLong(m.sequenceId());
        }
    }

    private static void invocation(MessagePacker out, int type, Map<String, String> headers, String invocationId,
            String target, ArrayNode arguments, List<String> streamIds) throws IOException {
        start(out, 6, type, headers);
        string(out, invocationId);
        out.packString(target);
        NodePacker.pack(out, arguments);
        out.packArrayHeader(streamIds.size());
        for (String id : streamIds) {
            out.packString(id);
        }
    }

    private static void completion(MessagePacker out, Completion completion) throws IOException {
        boolean error = completion.error() != null;
        boolean value = error || completion.hasResult();
        start(out, value ? 5 : 4, completion.type(), completion.headers()).packString(completion.invocationId());
        if (error) {
            out.packInt(ERROR_RESULT).packString(completion.error());
        } else if (completion.hasResult()) {
            out.packInt(NON_VOID_RESULT);
            NodePacker.pack(out, completion.result());
        } else {
            out.packInt(VOID_RESULT);
        }
    }

    /** The array header, the type and the headers that every invocation-related message starts with. */
    private static MessagePacker start(MessagePacker out, int elements, int type, Map<String, String> headers)
            throws IOException {
        out.packArrayHeader(elements).packInt(type).packMapHeader(headers.size());
        for (Map.Entry<String, String> header : headers.entrySet()) {
            out.packString(header.getKey()).packString(header.getValue());
        }
        return out;
    }

    private static void string(MessagePacker out, String value) throws IOException {
        if (value == null) {
            out.packNil();
        } else {
            out.packString(value);
        }
    }
}
