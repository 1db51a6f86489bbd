package io.rtc.chat.session;

import io.netty.buffer.ByteBuf;
import io.rtc.chat.transport.Transport;
import io.rtc.common.signalr.Ack;
import io.rtc.common.signalr.CancelInvocation;
import io.rtc.common.signalr.Handshake;
import io.rtc.common.signalr.HubMessage;
import io.rtc.common.signalr.HubProtocol;
import io.rtc.common.signalr.Invocation;
import io.rtc.common.signalr.InvalidMessageException;
import io.rtc.common.signalr.MessageTooLargeException;
import io.rtc.common.signalr.RecordReader;
import io.rtc.common.signalr.Sequence;
import io.rtc.common.signalr.StreamInvocation;
import io.rtc.common.signalr.StreamItem;
import io.rtc.common.signalr.TransferFormat;

/**
 * What a client sends, in order: the handshake (always JSON), then records of the protocol it chose,
 * each dispatched by type. Malformed input closes the session with SignalR's Close and an error.
 * On the session's event loop only.
 */
final class SessionInput {

    private final HubSession session;
    private final Invocations invocations;
    private final int maxMessageSize;
    private RecordReader reader;
    private HubProtocol protocol;
    /** Stateful reconnect only: which of the client's messages were processed. */
    private InboundSequence inbound;

    SessionInput(HubSession session, Invocations invocations, int maxMessageSize) {
        this.session = session;
        this.invocations = invocations;
        this.maxMessageSize = maxMessageSize;
        this.reader = Handshake.reader(maxMessageSize);
    }

    void feed(ByteBuf bytes) {
        try {
            if (protocol == null) {
                reader.feed(bytes, this::handshake);
                if (protocol == null || !bytes.isReadable() || session.closing()) {
                    return;
                }
            }
            reader.feed(bytes, this::record);
        } catch (MessageTooLargeException e) {
            session.metrics().protocolError();
            session.close("Connection closed with an error. " + e.getMessage(), false, (short) 1009, "Message too big");
        } catch (InvalidMessageException e) {
            session.metrics().protocolError();
            session.close("Connection closed with an error. " + e.getMessage(), false, (short) 1007, "Invalid hub message");
        }
    }

    /**
     * A stateful reconnect: a record the old connection cut in half is dropped (the client sends it again
     * after its Sequence message, as it does every message not acknowledged).
     */
    void resumed() {
        if (protocol != null) {
            reader = protocol.reader(maxMessageSize);
        }
    }

    long toAcknowledge() {
        return inbound == null ? -1 : inbound.toAcknowledge();
    }

    private void handshake(ByteBuf record) throws InvalidMessageException {
        if (protocol != null || session.closing()) {
            return;
        }
        session.metrics().received();
        Handshake.Request request = Handshake.parseRequest(record);
        HubProtocol chosen = HubProtocol.named(request.protocol());
        Transport transport = session.transport();
        String problem = null;
        if (chosen == null) {
            problem = "The protocol '" + request.protocol() + "' is not supported.";
        } else if (request.version() < 1 || request.version() > 2) {
            problem = "The server does not support version " + request.version() + " of the '" + request.protocol() + "' protocol.";
        } else if (chosen.transferFormat() == TransferFormat.BINARY && transport.kind() == Transport.Kind.SERVER_SENT_EVENTS) {
            problem = "Cannot use the '" + request.protocol() + "' protocol on the current transport. The transport does not"
                    + " support 'Binary' transfer format.";
        }
        if (problem != null) {
            session.refuseHandshake(Handshake.error(problem));
            return;
        }
        // version 2 is the clients' way of saying the negotiate granted stateful reconnect (WebSockets only)
        boolean stateful = request.version() >= 2 && transport.kind() == Transport.Kind.WEB_SOCKETS
                && session.statefulReconnectAllowed();
        protocol = chosen;
        reader = chosen.reader(maxMessageSize);
        if (stateful) {
            inbound = new InboundSequence();
        }
        session.handshaken(chosen, stateful, Handshake.OK);
    }

    private void record(ByteBuf record) throws InvalidMessageException {
        if (session.closing()) {
            return;
        }
        HubMessage message = protocol.parse(record);
        session.metrics().received();
        if (inbound != null && message.trackable() && !inbound.accept()) {
            return; // sent again after a reconnect: processed already
        }
        switch (message.type()) {
            case HubMessage.INVOCATION -> invocations.add((Invocation) message);
            case HubMessage.STREAM_INVOCATION -> invocations.refuse(((StreamInvocation) message).invocationId(),
                    "Streaming hub methods are not supported: '" + ((StreamInvocation) message).target() + "' cannot be streamed.");
            case HubMessage.CANCEL_INVOCATION -> invocations.refuse(((CancelInvocation) message).invocationId(),
                    "Streaming is not supported by this hub, so there is nothing to cancel or stream into.");
            case HubMessage.STREAM_ITEM -> invocations.refuse(((StreamItem) message).invocationId(),
                    "Streaming is not supported by this hub, so there is nothing to cancel or stream into.");
            case HubMessage.CLOSE -> session.clientClosed();
            case HubMessage.ACK -> session.acknowledged(((Ack) message).sequenceId());
            case HubMessage.SEQUENCE -> {
                if (inbound != null && !inbound.reset(((Sequence) message).sequenceId())) {
                    session.close("Connection closed with an error. Sequence ID greater than the number of messages received.",
                            false, (short) 1002, "Bad sequence");
                }
            }
            default -> {
                // Ping only proves the client is alive; the hub never asks clients for results (Completion)
            }
        }
    }
}
