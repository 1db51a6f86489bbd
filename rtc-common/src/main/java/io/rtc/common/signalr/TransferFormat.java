package io.rtc.common.signalr;

/** How a protocol's records travel: WebSocket text frames (JSON) or binary frames (MessagePack). */
public enum TransferFormat {
    TEXT,
    BINARY
}
