package io.rtc.cli.signalr;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * How a hub connection's bytes travel (TransportProtocols.md): a WebSocket both ways, or Server-Sent
 * Events or long polling down with HTTP POSTs up. The bytes are hub-protocol records; where a record
 * ends is the protocol's business, not the transport's. Opened from an event loop, it lives there.
 */
interface HubTransport {

    /** What a transport reports, on its event loop. */
    interface Receiver {

        /** Bytes from the server, consumed during the call: nothing may keep them. */
        void received(ByteBuf bytes);

        /** The transport ended without {@link #stop()}: dropped, closed or given up by the server. */
        void ended(String reason);
    }

    /** Sends complete records; completes once written (WebSocket) or accepted by the server (POST). */
    Future<Void> send(Buffer records);

    /** Ends the connection from this side; {@link Receiver#ended} is not called after it. */
    Future<Void> stop();
}
