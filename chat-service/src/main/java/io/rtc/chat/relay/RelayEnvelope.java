package io.rtc.chat.relay;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What instances PUBLISH to each other's relay channel: a {@link Call} (a forwarded request) or an
 * {@link Answer} (the holder's reply). Bodies may be MessagePack, so the layout is binary: a tag
 * byte, the correlation id (8 bytes), then fields each prefixed with their length (4 bytes, -1 for a
 * missing content type). Decoding is strict (every length in range, nothing left over): a payload
 * from something else on the channel must not turn into a request.
 */
public sealed interface RelayEnvelope {

    byte CALL = 1;
    byte ANSWER = 2;

    long id();

    byte[] encode();

    /** A request forwarded to the holder; {@code replyTo} is the requesting instance's id. */
    record Call(long id, String replyTo, RelayRequest request) implements RelayEnvelope {
        @Override
        public byte[] encode() {
            byte[] replyToBytes = replyTo.getBytes(StandardCharsets.UTF_8);
            byte[] connection = request.connectionId().getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate(1 + 8 + 4 + replyToBytes.length + 1 + 4 + connection.length + 4 + request.body().length);
            out.put(CALL).putLong(id);
            putField(out, replyToBytes);
            out.put((byte) request.kind().ordinal());
            putField(out, connection);
            putField(out, request.body());
            return out.array();
        }
    }

    /** The holder's reply to the call with the same id. */
    record Answer(long id, RelayReply reply) implements RelayEnvelope {
        @Override
        public byte[] encode() {
            byte[] type = reply.contentType() == null ? null : reply.contentType().getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate(1 + 8 + 4 + 4 + (type == null ? 0 : type.length) + 4 + reply.body().length);
            out.put(ANSWER).putLong(id).putInt(reply.status());
            putField(out, type);
            putField(out, reply.body());
            return out.array();
        }
    }

    /** The envelope in the payload; IllegalArgumentException (saying what is wrong) when it is not one. */
    static RelayEnvelope decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new IllegalArgumentException("empty payload");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            byte tag = in.get();
            long id = in.getLong();
            RelayEnvelope envelope;
            if (tag == CALL) {
                String replyTo = text(field(in, false));
                int kind = in.get();
                if (kind < 0 || kind >= RelayRequest.Kind.values().length) {
                    throw new IllegalArgumentException("unknown request kind " + kind);
                }
                String connectionId = text(field(in, false));
                envelope = new Call(id, replyTo, new RelayRequest(RelayRequest.Kind.values()[kind], connectionId, field(in, false)));
            } else if (tag == ANSWER) {
                int status = in.getInt();
                if (status < 100 || status > 599) {
                    throw new IllegalArgumentException("status " + status + " is not an HTTP status");
                }
                byte[] type = field(in, true);
                envelope = new Answer(id, new RelayReply(status, type == null ? null : text(type), field(in, false)));
            } else {
                throw new IllegalArgumentException("unknown tag " + tag);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the envelope");
            }
            return envelope;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated after " + in.position() + " of " + payload.length + " bytes");
        }
    }

    private static void putField(ByteBuffer out, byte[] bytes) {
        if (bytes == null) {
            out.putInt(-1);
        } else {
            out.putInt(bytes.length).put(bytes);
        }
    }

    private static byte[] field(ByteBuffer in, boolean nullable) {
        int length = in.getInt();
        if (length == -1 && nullable) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("field length " + length + " with " + in.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
