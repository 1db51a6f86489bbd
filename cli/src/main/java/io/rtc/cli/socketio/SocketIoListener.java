package io.rtc.cli.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What a {@link SocketIoClient} reports, on its event loop. Implementations must not block. */
public interface SocketIoListener {

    /** The server emitted {@code event} with {@code arguments}; an ack it asked for was already sent. */
    void event(String event, List<JsonNode> arguments);

    /** The connection ended without {@link SocketIoClient#close()}: server close, drop, ping timeout. */
    void closed(String reason);
}
