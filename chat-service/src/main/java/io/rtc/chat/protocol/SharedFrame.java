package io.rtc.chat.protocol;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.rtc.common.signalr.HubMessage;
import io.rtc.common.signalr.HubProtocol;
import io.rtc.common.signalr.InvalidMessageException;
import io.rtc.common.signalr.TransferFormat;

/**
 * One record bound for many members, encoded once per protocol in use, not once per member: each
 * member's transport writes a retained view of the same bytes. The JSON record is what the
 * backplane carries, so a frame from another instance is forwarded to JSON members without parsing;
 * it is parsed (once) only if a MessagePack member needs it. Reference-counted: the creator releases
 * its reference once every member was handed a view.
 */
public final class SharedFrame {

    private final byte[] json;
    private HubMessage message;
    private ByteBuf jsonBytes;
    private ByteBuf binaryBytes;
    private final AtomicInteger references = new AtomicInteger(1);

    /** A frame made here: the message, and its JSON record (for the backplane). */
    public SharedFrame(HubMessage message, byte[] json) {
        this.message = message;
        this.json = json;
    }

    /** A frame from the backplane: a complete JSON record. */
    public static SharedFrame fromJson(String record) {
        return new SharedFrame(null, record.getBytes(StandardCharsets.UTF_8));
    }

    /** A view of the record encoded for {@code protocol}, owned by the caller (the write releases it). */
    public ByteBuf view(HubProtocol protocol) {
        return encoded(protocol).retainedDuplicate();
    }

    private synchronized ByteBuf encoded(HubProtocol protocol) {
        if (protocol.transferFormat() == TransferFormat.TEXT) {
            if (jsonBytes == null) {
                jsonBytes = direct(json);
            }
            return jsonBytes;
        }
        if (binaryBytes == null) {
            binaryBytes = direct(protocol.write(message()));
        }
        return binaryBytes;
    }

    private HubMessage message() {
        if (message == null) {
            try {
                // the record ends with its separator, which the parser does not take
                message = HubProtocol.json().parse(Unpooled.wrappedBuffer(json, 0, json.length - 1));
            } catch (InvalidMessageException e) {
                throw new IllegalStateException("the backplane carried a record this service cannot read", e);
            }
        }
        return message;
    }

    private static ByteBuf direct(byte[] bytes) {
        return ByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    /** Keeps the bytes alive for one more holder (a task on another event loop). */
    public SharedFrame retain() {
        references.incrementAndGet();
        return this;
    }

    public void release() {
        if (references.decrementAndGet() == 0) {
            synchronized (this) {
                if (jsonBytes != null) {
                    jsonBytes.release();
                }
                if (binaryBytes != null) {
                    binaryBytes.release();
                }
            }
        }
    }
}
