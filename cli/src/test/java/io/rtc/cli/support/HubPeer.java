package io.rtc.cli.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rtc.common.signalr.Handshake;
import io.rtc.common.signalr.HubMessage;
import io.rtc.common.signalr.HubProtocol;
import io.rtc.common.signalr.InvalidMessageException;
import io.rtc.common.signalr.RecordReader;
import io.rtc.common.signalr.TransferFormat;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * One client connection as {@link TestChatHub} sees it, whatever carries it: the handshake, then the
 * records of the protocol it chose, read and written with the rtc-common codec like chat-service does.
 * What carries the bytes down is a {@link Downlink}; the bytes up come in through {@link #feed}.
 */
final class HubPeer {

    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    /** How the hub's bytes reach this client: a WebSocket, an event stream, the answers to its polls. */
    interface Downlink {

        /** One frame, event or poll answer; binary once the protocol is (the handshake answer too, on a WebSocket). */
        void write(Buffer bytes, boolean binary);

        /** The server ends the connection. */
        void end();
    }

    /** What the hub does with what arrives. */
    interface Handler {

        void handshake(HubPeer peer, Handshake.Request request);

        void message(HubPeer peer, HubMessage message);
    }

    final String id;
    /** The hub path the client came by, e.g. /closeHub: some paths misbehave on purpose. */
    final String path;
    /** websockets, sse or longpolling, once the connection's first request says. */
    String transport;
    Downlink downlink;
    private final RecordReader handshake = Handshake.reader(MAX_MESSAGE_BYTES);
    private RecordReader records;
    private HubProtocol protocol;
    boolean postInFlight;

    HubPeer(String id, String path) {
        this.id = id;
        this.path = path;
    }

    HubProtocol protocol() {
        return protocol;
    }

    void feed(ByteBuf bytes, Handler handler) throws InvalidMessageException {
        if (protocol == null) {
            handshake.feed(bytes, record -> {
                Handshake.Request request = Handshake.parseRequest(record);
                protocol = HubProtocol.named(request.protocol());
                records = protocol == null ? null : protocol.reader(MAX_MESSAGE_BYTES);
                handler.handshake(this, request);
            });
        }
        if (records != null && bytes.isReadable()) {
            records.feed(bytes, record -> handler.message(this, protocol.parse(record)));
        }
    }

    /** The handshake's answer ({@code {}} or an error), then {@code messages}, all in one write. */
    void answerHandshake(byte[] answer, HubMessage... messages) {
        ByteBuf out = Unpooled.buffer().writeBytes(answer);
        for (HubMessage message : messages) {
            protocol.write(message, out);
        }
        downlink.write(Buffer.buffer(out), binary());
    }

    /** Several records in one frame, event or poll answer: clients must split them. */
    void send(List<HubMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        ByteBuf out = Unpooled.buffer();
        messages.forEach(message -> protocol.write(message, out));
        downlink.write(Buffer.buffer(out), binary());
    }

    private boolean binary() {
        return protocol != null && protocol.transferFormat() == TransferFormat.BINARY;
    }
}
