package io.rtc.chat.transport;

import io.netty.buffer.ByteBuf;

/** The hub session behind a transport: what the client sent, and the transport going away. */
public interface TransportListener {

    /** Bytes from the client (a WebSocket frame's payload, a POST body); valid only during the call. */
    void received(ByteBuf bytes);

    /** The transport ended, by the client, the network or {@link Transport#end}; called once per transport. */
    void closed(Transport transport);
}
