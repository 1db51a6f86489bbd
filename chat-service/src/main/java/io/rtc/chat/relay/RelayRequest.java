package io.rtc.chat.relay;

import java.util.Objects;

/** An HTTP request of a client for one connection, as the relay carries it: what it asks, for which connection, its body (empty for polls and deletes). */
public record RelayRequest(Kind kind, String connectionId, byte[] body) {

    public enum Kind {
        /** {@code POST /chatHub?id=…}: messages from the client. */
        SEND,
        /** {@code GET /chatHub?id=…}: a long poll for messages to the client. */
        POLL,
        /** {@code DELETE /chatHub?id=…}: the client ends its long-polling connection. */
        DELETE
    }

    public RelayRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(connectionId, "connectionId");
        body = body == null ? new byte[0] : body;
    }

    @Override
    public String toString() {
        return "RelayRequest[" + kind + " " + connectionId + ", " + body.length + " bytes]";
    }
}
