package io.rtc.cli.bench.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rtc.cli.signalr.HubClient;
import io.rtc.cli.signalr.HubConnector;
import io.rtc.cli.signalr.HubListener;
import io.rtc.cli.signalr.HubUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocketClient;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/** The chat scenario on a SignalR hub: invocations with Completions, {@code ReceiveMessage} from the hub. */
final class SignalRTransport implements ChatTransport {

    private final HubConnector connector;
    private final List<WebSocketClient> webSockets;
    private final IntFunction<String> tokens;

    /** @param tokens each member's JWT (null: anonymous), sent on negotiate and on the WebSocket */
    SignalRTransport(Vertx vertx, HttpClient http, List<WebSocketClient> webSockets, boolean skipNegotiation,
                     Duration timeout, IntFunction<String> tokens) {
        this.connector = new HubConnector(vertx, http, skipNegotiation, timeout);
        this.webSockets = webSockets;
        this.tokens = tokens;
    }

    @Override
    public Future<ChatConnection> connect(int member, String url, ChatConnection.Events events) {
        HubListener listener = new HubListener() {
            @Override
            public void invoked(String target, List<JsonNode> arguments) {
                if (target.equalsIgnoreCase("ReceiveMessage") && arguments.size() >= 2) {
                    events.received(arguments.get(0).asText(), arguments.get(1).asText());
                }
            }

            @Override
            public void closed(String reason) {
                events.closed(reason);
            }
        };
        WebSocketClient client = webSockets.get(member % webSockets.size());
        return connector.connect(HubUrl.parse(url), client, listener, tokens.apply(member)).map(Connection::new);
    }

    private record Connection(HubClient hub) implements ChatConnection {

        @Override
        public Future<Void> join(String room) {
            return hub.invoke("JoinRoom", room).mapEmpty();
        }

        @Override
        public Future<Void> send(String room, String user, String message) {
            // An invocation with an id: the Completion tells a hub error from a message accepted.
            return hub.invoke("SendMessage", room, user, message).mapEmpty();
        }

        @Override
        public boolean isOpen() {
            return hub.isOpen();
        }

        @Override
        public Future<Void> close() {
            return hub.close();
        }
    }
}
