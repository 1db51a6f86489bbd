package io.rtc.common.signalr;

import io.netty.buffer.ByteBuf;

/**
 * The MessagePack hub protocol, version 1: each message a MessagePack array after its VarInt
 * length. Stateless; the packing buffer it writes through is per thread.
 */
final class MessagePackHubProtocol implements HubProtocol {

    static final String NAME = "messagepack";
    static final MessagePackHubProtocol INSTANCE = new MessagePackHubProtocol();

    private MessagePackHubProtocol() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TransferFormat transferFormat() {
        return TransferFormat.BINARY;
    }

    @Override
    public byte[] write(HubMessage message) {
        PackBuffer body = PackBuffer.acquire();
        try {
            body.pack(message);
            byte[] record = new byte[VarInt.size(body.size()) + body.size()];
            int start = VarInt.write(body.size(), record, 0);
            System.arraycopy(body.bytes(), 0, record, start, body.size());
            return record;
        } finally {
            body.release();
        }
    }

    @Override
    public void write(HubMessage message, ByteBuf out) {
        PackBuffer body = PackBuffer.acquire();
        try {
            body.pack(message);
            VarInt.write(body.size(), out);
            out.writeBytes(body.bytes(), 0, body.size());
        } finally {
            body.release();
        }
    }

    @Override
    public HubMessage parse(ByteBuf record) throws InvalidMessageException {
        return MessagePackMessageParser.parse(record);
    }

    @Override
    public RecordReader reader(int maxMessageSize) {
        return new BinaryRecordReader(maxMessageSize);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
