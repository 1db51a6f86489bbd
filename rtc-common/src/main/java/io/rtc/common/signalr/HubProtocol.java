package io.rtc.common.signalr;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;

/**
 * A SignalR hub protocol, version 1: {@link #json()} or {@link #messagePack()}. Both are stateless
 * and thread-safe, so one instance serves every connection and event loop.
 */
public interface HubProtocol {

    /** {@code "json"} or {@code "messagepack"}: what a handshake request names. */
    String name();

    TransferFormat transferFormat();

    /** One complete record: JSON text + 0x1E, or VarInt length + MessagePack array. */
    byte[] write(HubMessage message);

    /** The same, appended to {@code out}. */
    void write(HubMessage message, ByteBuf out);

    /**
     * Parses one record's payload (without the 0x1E, without the length prefix): all of its readable
     * bytes, leaving the buffer's indices and reference count as they are.
     */
    HubMessage parse(ByteBuf record) throws InvalidMessageException;

    /** Splits a byte stream into records (records may span frames/chunks; several per chunk). */
    RecordReader reader(int maxMessageSize);

    /**
     * Parses every record in {@code bytes}, which must end where a record ends (one WebSocket message
     * of a peer that never splits records, a test's bytes). Consumes the bytes.
     */
    default List<HubMessage> parseAll(ByteBuf bytes, int maxMessageSize) throws InvalidMessageException {
        List<HubMessage> messages = new ArrayList<>(2);
        RecordReader reader = reader(maxMessageSize);
        reader.feed(bytes, record -> messages.add(parse(record)));
        reader.end();
        return messages;
    }

    static HubProtocol json() {
        return JsonHubProtocol.INSTANCE;
    }

    static HubProtocol messagePack() {
        return MessagePackHubProtocol.INSTANCE;
    }

    /** "json" / "messagepack" → protocol; null for any other name. */
    static HubProtocol named(String name) {
        if (JsonHubProtocol.NAME.equals(name)) {
            return json();
        }
        return MessagePackHubProtocol.NAME.equals(name) ? messagePack() : null;
    }
}
