package io.rtc.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A tiny SignalR chat hub for tests: negotiate (version 1), WebSocket with or without {@code ?id=},
 * JSON protocol handshake, JoinRoom / SendMessage / LeaveRoom with Completions and ReceiveMessage
 * broadcasts. Several instances share one room table, like chat-service instances share Redis.
 * All instances run on one event loop, so the table needs no lock. Paths that misbehave on purpose:
 * {@code /refuseHub} refuses the handshake, {@code /closeHub} sends a Close with an error on the
 * first SendMessage, {@code /flakyHub} drops one member's copy of every 5th message and delivers
 * every 7th twice. A message "boom" is a hub error; the room "forbidden" cannot be joined.
 * {@code /authHub} wants a token on negotiate ({@code Authorization: Bearer}) and on the upgrade
 * ({@code Authorization} or {@code access_token=}), checked by {@link #tokenCheck}: by default
 * {@code good-token} passes, {@code forbidden-token} gets 403, anything else (or nothing) 401, each with
 * a one-line reason in the body, as chat-service refuses. Every credential it was shown is kept in {@link #credentials()}.
 */
public final class TestChatHub implements AutoCloseable {

    private static final char RS = '\u001e';
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final List<HttpServer> servers = new ArrayList<>();
    private final Map<String, Set<Connection>> rooms = new HashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Short> closeCodes = new CopyOnWriteArrayList<>();
    private final List<Credential> credentials = new CopyOnWriteArrayList<>();
    private volatile Function<String, Refusal> tokenCheck = TestChatHub::defaultCheck;
    private int connections;
    private long flakyCount;

    /** What one request to {@code /authHub} carried: step "negotiate" or "upgrade", the header, the query parameter. */
    public record Credential(String step, String authorization, String accessToken) {
    }

    /** Why a token was refused: 401 or 403 and the body's reason. */
    public record Refusal(int status, String reason) {
    }

    private final class Connection {
        final ServerWebSocket ws;
        final String id;
        final StringBuilder tail = new StringBuilder();
        boolean handshaken;

        Connection(ServerWebSocket ws, String id) {
            this.ws = ws;
            this.id = id;
        }
    }

    private TestChatHub(int instances) throws Exception {
        for (int i = 0; i < instances; i++) {
            servers.add(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(this::request)
                    .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    public static TestChatHub start(int instances) throws Exception {
        return new TestChatHub(instances);
    }

    public String url(int instance, String path) {
        return "http://127.0.0.1:" + servers.get(instance).actualPort() + path;
    }

    /** Hub methods called, in order, e.g. {@code SendMessage(r,u,hi)}. */
    public List<String> calls() {
        return calls;
    }

    public List<Short> closeCodes() {
        return closeCodes;
    }

    /** Credentials /authHub saw, in order. */
    public List<Credential> credentials() {
        return credentials;
    }

    /** Replaces the token check of /authHub: null from the function lets the token in. */
    public void tokenCheck(Function<String, Refusal> check) {
        tokenCheck = check;
    }

    private static Refusal defaultCheck(String token) {
        if (token == null) {
            return new Refusal(401, "A bearer token is required");
        }
        return switch (token) {
            case "good-token" -> null;
            case "forbidden-token" -> new Refusal(403, "This token does not grant the room");
            default -> new Refusal(401, "Invalid token: it has expired");
        };
    }

    private void request(HttpServerRequest request) {
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        if (request.path().startsWith("/authHub")) {
            String header = request.getHeader("Authorization");
            String query = request.getParam("access_token");
            credentials.add(new Credential(upgrade ? "upgrade" : "negotiate", header, query));
            String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                    : upgrade ? query : null;
            Refusal refusal = tokenCheck.apply(token);
            if (refusal != null) {
                request.response().setStatusCode(refusal.status()).putHeader("content-type", "text/plain; charset=utf-8");
                if (refusal.status() == 401) {
                    request.response().putHeader("WWW-Authenticate", token == null ? "Bearer"
                            : "Bearer error=\"invalid_token\", error_description=\"" + refusal.reason() + "\"");
                }
                request.response().end(refusal.reason() + "\n");
                return;
            }
        }
        if (upgrade) {
            request.toWebSocket().onSuccess(this::accept);
        } else {
            negotiate(request);
        }
    }

    private void negotiate(HttpServerRequest request) {
        if (request.method().name().equals("POST") && request.path().endsWith("/negotiate")
                && "1".equals(request.getParam("negotiateVersion"))) {
            int n = ++connections;
            request.response().putHeader("content-type", "application/json").end("{\"negotiateVersion\":1,"
                    + "\"connectionId\":\"c" + n + "\",\"connectionToken\":\"t" + n + "\",\"availableTransports\":"
                    + "[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]}]}");
        } else {
            request.response().setStatusCode(404).end("no such hub endpoint");
        }
    }

    private void accept(ServerWebSocket ws) {
        String token = ws.query() == null || !ws.query().matches("(.*&)?id=.*") ? null
                : ws.query().replaceAll("^(?:.*&)?id=([^&]*).*$", "$1");
        Connection connection = new Connection(ws, token == null ? "c" + (++connections) : "c" + token.substring(1));
        ws.closeHandler(v -> {
            closeCodes.add(ws.closeStatusCode());
            rooms.values().forEach(members -> members.remove(connection));
        });
        ws.textMessageHandler(text -> {
            connection.tail.append(text);
            int end;
            while ((end = connection.tail.indexOf(String.valueOf(RS))) >= 0) {
                String record = connection.tail.substring(0, end);
                connection.tail.delete(0, end + 1);
                onRecord(connection, record);
            }
        });
    }

    private void onRecord(Connection c, String record) {
        JsonNode node = parse(record);
        if (!c.handshaken) {
            c.handshaken = true;
            if (c.ws.path().equals("/refuseHub")) {
                c.ws.writeTextMessage("{\"error\":\"Requested protocol 'json' is not available.\"}" + RS);
                c.ws.close();
            } else {
                // The acceptance and a first Ping in one frame: clients must split records.
                c.ws.writeTextMessage("{}" + RS + "{\"type\":6}" + RS);
            }
            return;
        }
        if (node.path("type").asInt() != 1) {
            return; // pings and the like
        }
        String target = node.path("target").asText();
        List<String> args = new ArrayList<>();
        node.path("arguments").forEach(a -> args.add(a.asText()));
        calls.add(target + "(" + String.join(",", args) + ")");
        String id = node.hasNonNull("invocationId") ? node.get("invocationId").asText() : null;
        switch (target) {
            case "JoinRoom" -> {
                if (args.get(0).equals("forbidden")) {
                    complete(c, id, "You may not join forbidden");
                    return;
                }
                rooms.computeIfAbsent(args.get(0), r -> new LinkedHashSet<>()).add(c);
                complete(c, id, null);
                broadcast(args.get(0), "System", c.id + " has joined the room " + args.get(0), null, 1);
            }
            case "LeaveRoom" -> {
                rooms.getOrDefault(args.get(0), new LinkedHashSet<>()).remove(c);
                complete(c, id, null);
                broadcast(args.get(0), "System", c.id + " has left the room " + args.get(0), null, 1);
            }
            case "SendMessage" -> send(c, id, args.get(0), args.get(1), args.get(2));
            default -> complete(c, id, "Unknown hub method '" + target + "'");
        }
    }

    private void send(Connection c, String id, String room, String user, String message) {
        if (message.equals("boom")) {
            complete(c, id, "boom is not allowed");
        } else if (c.ws.path().equals("/closeHub")) {
            c.ws.writeTextMessage("{\"type\":7,\"error\":\"Server is shutting down\"}" + RS);
            c.ws.close();
        } else {
            int copies = 1;
            Connection skip = null;
            if (c.ws.path().equals("/flakyHub")) {
                flakyCount++;
                copies = flakyCount % 7 == 0 ? 2 : 1;
                skip = flakyCount % 5 == 0 ? rooms.get(room).stream().reduce((a, b) -> b).orElse(null) : null;
            }
            // The caller gets its own copy and the Completion batched in one frame.
            String completion = id == null ? "" : completion(id, null);
            broadcast(room, user, message, c, copies, skip, completion);
        }
    }

    private void broadcast(String room, String user, String message, Connection caller, int copies) {
        broadcast(room, user, message, caller, copies, null, "");
    }

    private void broadcast(String room, String user, String message, Connection caller, int copies, Connection skip,
                           String callerSuffix) {
        ObjectNode record = JSON.createObjectNode().put("type", 1).put("target", "ReceiveMessage");
        record.putArray("arguments").add(user).add(message);
        String text = (record + String.valueOf(RS)).repeat(copies);
        boolean callerServed = false;
        for (Connection member : rooms.getOrDefault(room, Set.of())) {
            boolean isCaller = member == caller;
            callerServed |= isCaller;
            String frame = (member == skip ? "" : text) + (isCaller ? callerSuffix : "");
            if (!frame.isEmpty()) {
                member.ws.writeTextMessage(frame);
            }
        }
        if (caller != null && !callerServed && !callerSuffix.isEmpty()) {
            caller.ws.writeTextMessage(callerSuffix);
        }
    }

    private void complete(Connection c, String id, String error) {
        if (id != null) {
            c.ws.writeTextMessage(completion(id, error));
        }
    }

    private static String completion(String id, String error) {
        ObjectNode node = JSON.createObjectNode().put("type", 3).put("invocationId", id);
        if (error != null) {
            node.put("error", error);
        } else {
            node.putNull("result");
        }
        return node + String.valueOf(RS);
    }

    private static JsonNode parse(String record) {
        try {
            return JSON.readTree(record);
        } catch (Exception e) {
            throw new IllegalArgumentException(record, e);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
