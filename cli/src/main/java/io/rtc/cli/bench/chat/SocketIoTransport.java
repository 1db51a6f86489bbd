package io.rtc.cli.bench.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rtc.cli.socketio.SocketIoClient;
import io.rtc.cli.socketio.SocketIoListener;
import io.rtc.cli.socketio.SocketIoUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Duration;
import java.util.List;

/** The chat scenario on Socket.IO: the hub's method names as events, each emitted with an ack. */
final class SocketIoTransport implements ChatTransport {

    private final Vertx vertx;
    private final List<WebSocketClient> webSockets;
    private final Duration timeout;

    SocketIoTransport(Vertx vertx, List<WebSocketClient> webSockets, Duration timeout) {
        this.vertx = vertx;
        this.webSockets = webSockets;
        this.timeout = timeout;
    }

    @Override
    public Future<ChatConnection> connect(int member, String url, ChatConnection.Events events) {
        SocketIoListener listener = new SocketIoListener() {
            @Override
            public void event(String event, List<JsonNode> arguments) {
                if (event.equals("ReceiveMessage") && arguments.size() >= 2) {
                    events.received(arguments.get(0).asText(), arguments.get(1).asText());
                }
            }

            @Override
            public void closed(String reason) {
                events.closed(reason);
            }
        };
        WebSocketClient client = webSockets.get(member % webSockets.size());
        return SocketIoClient.connect(vertx, client, SocketIoUrl.parse(url), listener, timeout).map(Connection::new);
    }

    private record Connection(SocketIoClient socket) implements ChatConnection {

        @Override
        public Future<Void> join(String room) {
            return socket.emitWithAck("JoinRoom", room).mapEmpty();
        }

        @Override
        public Future<Void> send(String room, String user, String message) {
            // With an ack, like the hub's Completion, so both protocols do the same round trips.
            return socket.emitWithAck("SendMessage", room, user, message).mapEmpty();
        }

        @Override
        public boolean isOpen() {
            return socket.isOpen();
        }

        @Override
        public Future<Void> close() {
            return socket.close();
        }
    }
}
