package io.rtc.common.signalr;

import io.netty.buffer.ByteBuf;

/** The JSON hub protocol, version 1: each message a JSON object followed by 0x1E. Stateless. */
final class JsonHubProtocol implements HubProtocol {

    static final String NAME = "json";
    static final JsonHubProtocol INSTANCE = new JsonHubProtocol();

    private JsonHubProtocol() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TransferFormat transferFormat() {
        return TransferFormat.TEXT;
    }

    @Override
    public byte[] write(HubMessage message) {
        return Json.record(JsonMessageWriter.body(message));
    }

    @Override
    public void write(HubMessage message, ByteBuf out) {
        Json.record(JsonMessageWriter.body(message), out);
    }

    @Override
    public HubMessage parse(ByteBuf record) throws InvalidMessageException {
        return JsonMessageParser.parse(Json.object(record));
    }

    @Override
    public RecordReader reader(int maxMessageSize) {
        return new TextRecordReader(maxMessageSize, false);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
