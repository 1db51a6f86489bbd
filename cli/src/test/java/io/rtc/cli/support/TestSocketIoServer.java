package io.rtc.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny Socket.IO 4 chat server for tests, speaking Engine.IO v4 over WebSocket only, with the
 * events of the peer in bench/peers/socketio-chat.js. It pings every {@link #PING_INTERVAL_MS} and,
 * like the real server, drops a client whose pong does not come within {@link #PING_TIMEOUT_MS}.
 */
public final class TestSocketIoServer implements AutoCloseable {

    public static final int PING_INTERVAL_MS = 300;
    public static final int PING_TIMEOUT_MS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpServer server;
    private final Map<String, Set<ServerWebSocket>> rooms = new HashMap<>();
    private final AtomicInteger pongs = new AtomicInteger();
    private final AtomicInteger pingTimeouts = new AtomicInteger();
    private int sockets;

    private TestSocketIoServer() throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .webSocketHandler(this::accept)
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static TestSocketIoServer start() throws Exception {
        return new TestSocketIoServer();
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public int pongs() {
        return pongs.get();
    }

    public int pingTimeouts() {
        return pingTimeouts.get();
    }

    private void accept(ServerWebSocket ws) {
        if (!ws.path().equals("/socket.io/") || !"EIO=4&transport=websocket".equals(ws.query())) {
            ws.reject(400);
            return;
        }
        String sid = "s" + (++sockets);
        boolean[] awaitingPong = {false};
        long pinger = vertx.setPeriodic(PING_INTERVAL_MS, id -> {
            awaitingPong[0] = true;
            ws.writeTextMessage("2");
            vertx.setTimer(PING_TIMEOUT_MS, t -> {
                if (awaitingPong[0] && !ws.isClosed()) {
                    pingTimeouts.incrementAndGet();
                    ws.close();
                }
            });
        });
        ws.closeHandler(v -> {
            vertx.cancelTimer(pinger);
            rooms.values().forEach(members -> members.remove(ws));
        });
        ws.textMessageHandler(text -> {
            if (text.equals("3")) {
                awaitingPong[0] = false;
                pongs.incrementAndGet();
            } else if (text.equals("40")) {
                ws.writeTextMessage("40{\"sid\":\"" + sid + "\"}");
            } else if (text.startsWith("42")) {
                onEvent(ws, sid, text.substring(2));
            }
        });
        ws.writeTextMessage("0{\"sid\":\"e" + sid + "\",\"upgrades\":[],\"pingInterval\":" + PING_INTERVAL_MS
                + ",\"pingTimeout\":" + PING_TIMEOUT_MS + ",\"maxPayload\":1000000}");
    }

    private void onEvent(ServerWebSocket ws, String sid, String packet) {
        int json = 0;
        while (Character.isDigit(packet.charAt(json))) {
            json++;
        }
        String ackId = packet.substring(0, json);
        JsonNode event = parse(packet.substring(json));
        String room = event.path(1).asText();
        switch (event.path(0).asText()) {
            case "JoinRoom" -> {
                rooms.computeIfAbsent(room, r -> new LinkedHashSet<>()).add(ws);
                broadcast(room, "System", sid + " has joined the room " + room);
            }
            case "LeaveRoom" -> rooms.getOrDefault(room, new LinkedHashSet<>()).remove(ws);
            case "SendMessage" -> broadcast(room, event.path(2).asText(), event.path(3).asText());
            default -> { }
        }
        if (!ackId.isEmpty()) {
            ws.writeTextMessage("43" + ackId + "[]");
        }
    }

    private void broadcast(String room, String user, String message) {
        String frame = "42" + JSON.createArrayNode().add("ReceiveMessage").add(user).add(message);
        rooms.getOrDefault(room, Set.of()).forEach(member -> member.writeTextMessage(frame));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
