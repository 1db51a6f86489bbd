package io.rtc.cli.bench.chat;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire protocols the chat scenario speaks; both carry the same hub methods and events. */
enum ChatProtocol {

    /** chat-service: ASP.NET Core SignalR, JSON hub protocol over WebSocket. */
    SIGNALR("signalr", "http://127.0.0.1:8081/chatHub"),
    /** The Socket.IO 4 peer (bench/peers/socketio-chat.js): Engine.IO v4 over WebSocket. */
    SOCKETIO("socketio", "http://127.0.0.1:8093");

    private final String id;
    private final String defaultUrl;

    ChatProtocol(String id, String defaultUrl) {
        this.id = id;
        this.defaultUrl = defaultUrl;
    }

    static ChatProtocol parse(String name) {
        String wanted = name.toLowerCase(Locale.ROOT).replace("-", "").replace(".", "");
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--protocol must be one of "
                        + Arrays.stream(values()).map(p -> p.id).collect(Collectors.joining(", ")) + ", not '" + name + "'"));
    }

    String id() {
        return id;
    }

    String defaultUrl() {
        return defaultUrl;
    }
}
