package io.rtc.cli.bench.chat;

import io.rtc.common.signalr.HubProtocol;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The wire protocols the chat scenario speaks; both carry the same hub methods and events. */
enum ChatProtocol {

    /** chat-service: ASP.NET Core SignalR, with the JSON or the MessagePack hub protocol. */
    SIGNALR("signalr", "http://127.0.0.1:8081/chatHub"),
    /** The Socket.IO 4 peer (bench/peers/socketio-chat.js): Engine.IO v4 over WebSocket. */
    SOCKETIO("socketio", "http://127.0.0.1:8093");

    /**
     * What {@code --protocol} accepts: a SignalR hub protocol, or {@code signalr} (JSON, the name scripts
     * used before MessagePack came), or {@code socketio}. The hub protocol is null for Socket.IO.
     */
    private static final Map<String, Choice> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("json", new Choice(SIGNALR, HubProtocol.json()));
        NAMES.put("messagepack", new Choice(SIGNALR, HubProtocol.messagePack()));
        NAMES.put("signalr", new Choice(SIGNALR, HubProtocol.json()));
        NAMES.put("socketio", new Choice(SOCKETIO, null));
    }

    private final String id;
    private final String defaultUrl;

    ChatProtocol(String id, String defaultUrl) {
        this.id = id;
        this.defaultUrl = defaultUrl;
    }

    /** A {@code --protocol} value: which server family, and for SignalR which hub protocol. */
    record Choice(ChatProtocol protocol, HubProtocol hubProtocol) {
    }

    static Choice parse(String name) {
        Choice choice = NAMES.get(name.toLowerCase(Locale.ROOT).replace("-", "").replace(".", ""));
        if (choice == null) {
            throw new IllegalArgumentException("--protocol must be one of " + String.join(", ", NAMES.keySet())
                    + " (signalr means json), not '" + name + "'");
        }
        return choice;
    }

    String id() {
        return id;
    }

    String defaultUrl() {
        return defaultUrl;
    }
}
