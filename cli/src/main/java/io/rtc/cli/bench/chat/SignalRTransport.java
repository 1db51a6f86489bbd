package io.rtc.cli.bench.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rtc.cli.signalr.HubClient;
import io.rtc.cli.signalr.HubConnector;
import io.rtc.cli.signalr.HubListener;
import io.rtc.cli.signalr.HubOptions;
import io.rtc.cli.signalr.HubUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocketClient;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The chat scenario on a SignalR hub, over any transport and hub protocol: invocations with
 * Completions, {@code ReceiveMessage} from the hub.
 */
final class SignalRTransport implements ChatTransport {

    private final HubConnector connector;
    private final List<HttpClient> http;
    private final List<WebSocketClient> webSockets;
    private final IntFunction<String> tokens;

    /**
     * @param http       one client per local address, for negotiate and the HTTP transports
     * @param webSockets one client per local address
     * @param tokens     each member's JWT (null: anonymous), sent on negotiate and on the transport's requests
     */
    SignalRTransport(Vertx vertx, List<HttpClient> http, List<WebSocketClient> webSockets, HubOptions options,
                     IntFunction<String> tokens) {
        this.connector = new HubConnector(vertx, options);
        this.http = http;
        this.webSockets = webSockets;
        this.tokens = tokens;
    }

    @Override
    public Future<ChatConnection> connect(int member, String url, ChatConnection.Events events) {
        HubListener listener = new HubListener() {
            @Override
            public void invoked(String target, ArrayNode arguments) {
                if (target.equalsIgnoreCase("ReceiveMessage") && arguments.size() >= 2) {
                    events.received(arguments.get(0).asText(), arguments.get(1).asText());
                }
            }

            @Override
            public void closed(String reason) {
                events.closed(reason);
            }
        };
        return connector.connect(HubUrl.parse(url), http.get(member % http.size()), webSockets.get(member % webSockets.size()),
                listener, tokens.apply(member)).map(Connection::new);
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
