package io.rtc.cli.signalr;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** What a {@link HubClient} reports, on its event loop. Implementations must not block. */
public interface HubListener {

    /** The server called a client method, e.g. {@code ReceiveMessage(user, message)}; do not change the arguments. */
    void invoked(String target, ArrayNode arguments);

    /**
     * The connection ended without {@link HubClient#close()} being called: a Close message from the
     * server (with its error, if any), a dropped connection, a protocol error or a server timeout.
     */
    void closed(String reason);
}
