package io.rtc.cli.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A tiny fanout-service for tests, on one event loop: {@code POST <base>/api/logs} (Message-Id, 202 after
 * "publishing", 413, 415, 400, deduplication by id), {@code WebSocket <base>/logs/stream} (every message
 * to every client, as {@code {"id","timestamp","contentType","body"}}) and {@code GET <base>/api/logs?limit=N}
 * (the newest N archive entries, oldest first, with {@code archivedAt}). The base path is a channel
 * with its own clients and archive, and its name chooses a misbehaviour: {@code /busy} answers the
 * first attempt of each id with 503 and {@code Retry-After: 1}, {@code /down} always 503 with
 * {@code Retry-After: 0}, {@code /drop} confirms its 10th message but neither streams nor archives it,
 * {@code /dup} streams and archives its 10th message twice, {@code /auth} wants a token on POST
 * ({@code Authorization: Bearer}) and on the stream upgrade (that or {@code access_token=}): those of
 * {@link #acceptTokens} pass (by default {@code good-token}), {@code forbidden-token} gets 403, anything
 * else 401, each with a one-line reason (JSON {@code error} on the API, plain text on the upgrade), as
 * fanout-service refuses. Any other name behaves.
 */
public final class TestFanoutServer implements AutoCloseable {

    public static final int MAX_BODY = 64 * 1024;
    public static final int FAULTY_MESSAGE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** What one request to /auth carried: step "publish" or "upgrade", the header, the query parameter. */
    public record Credential(String step, String authorization, String accessToken) {
    }

    /** One POST as the server saw it. */
    public record Request(String messageId, String contentType, String body, int status) {
    }

    private static final class Channel {
        final List<ServerWebSocket> clients = new ArrayList<>();
        final List<ObjectNode> archive = new ArrayList<>();
        final Set<String> published = ConcurrentHashMap.newKeySet();
        final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
        final List<Request> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        int count;
    }

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpServer server;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final List<Credential> credentials = new CopyOnWriteArrayList<>();
    private volatile Set<String> acceptedTokens = Set.of("good-token");

    private TestFanoutServer() throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(this::route)
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static TestFanoutServer start() throws Exception {
        return new TestFanoutServer();
    }

    /** The base URL of channel {@code name}, e.g. {@code http://127.0.0.1:PORT/busy}. */
    public String url(String name) {
        return "http://127.0.0.1:" + server.actualPort() + "/" + name;
    }

    public String streamUrl(String name) {
        return "ws://127.0.0.1:" + server.actualPort() + "/" + name + "/logs/stream";
    }

    public List<Request> requests(String name) {
        return channel(name).requests;
    }

    /** WebSocket connections the channel accepted so far. */
    public int streamConnections(String name) {
        return channel(name).connections.get();
    }

    /** Pushes a frame to the channel's stream clients, as a message from another AMQP client would come. */
    public void push(String name, String frame) {
        vertx.runOnContext(v -> channel(name).clients.forEach(ws -> ws.writeTextMessage(frame)));
    }

    /** Closes every stream connection of the channel with {@code code}, e.g. 1013 for a client too slow. */
    public void closeStreams(String name, short code, String reason) {
        vertx.runOnContext(v -> List.copyOf(channel(name).clients).forEach(ws -> ws.close(code, reason)));
    }

    /** Credentials /auth saw, in order. */
    public List<Credential> credentials() {
        return credentials;
    }

    /** The tokens /auth lets in from now on. */
    public void acceptTokens(Set<String> tokens) {
        acceptedTokens = Set.copyOf(tokens);
    }

    private void route(HttpServerRequest request) {
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        if (request.path().startsWith("/auth/") && !admitted(request, upgrade)) {
            return;
        }
        if (!upgrade) {
            request(request);
        } else if (!request.path().endsWith("/logs/stream") || request.path().length() <= "/logs/stream".length() + 1) {
            request.response().setStatusCode(404).end("no such stream");
        } else {
            request.toWebSocket().onSuccess(this::accept);
        }
    }

    private boolean admitted(HttpServerRequest request, boolean upgrade) {
        String header = request.getHeader("Authorization");
        String query = request.getParam("access_token");
        credentials.add(new Credential(upgrade ? "upgrade" : "publish", header, query));
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                : upgrade ? query : null;
        if (token != null && acceptedTokens.contains(token)) {
            return true;
        }
        int status = "forbidden-token".equals(token) ? 403 : 401;
        String reason = status == 403 ? "This token does not have the role 'publisher'"
                : token == null ? "A bearer token is required" : "Invalid token: it has expired";
        if (status == 401) {
            request.response().putHeader("WWW-Authenticate", token == null ? "Bearer"
                    : "Bearer error=\"invalid_token\", error_description=\"" + reason + "\"");
        }
        if (upgrade) {
            request.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8").end(reason + "\n");
        } else {
            error(request, status, reason);
        }
        return false;
    }

    private Channel channel(String name) {
        return channels.computeIfAbsent(name, n -> new Channel());
    }

    private void request(HttpServerRequest request) {
        String path = request.path();
        int api = path.indexOf("/api/logs");
        if (api < 1 || api + "/api/logs".length() != path.length()) {
            request.response().setStatusCode(404).end("{\"error\":\"not found\"}");
            return;
        }
        String name = path.substring(1, api);
        Channel channel = channel(name);
        if (request.method().name().equals("GET")) {
            archive(channel, request);
        } else if (request.method().name().equals("POST")) {
            request.body().onSuccess(body -> publish(name, channel, request, body));
        } else {
            request.response().setStatusCode(405).end();
        }
    }

    private void archive(Channel channel, HttpServerRequest request) {
        int limit = request.getParam("limit") == null ? 100 : Integer.parseInt(request.getParam("limit"));
        if (limit < 1 || limit > 100_000) {
            error(request, 400, "limit must be between 1 and 100000");
            return;
        }
        ArrayNode answer = JSON.createArrayNode();
        channel.archive.subList(Math.max(0, channel.archive.size() - limit), channel.archive.size()).forEach(answer::add);
        request.response().putHeader("content-type", "application/json").end(answer.toString());
    }

    private void publish(String name, Channel channel, HttpServerRequest request, Buffer body) {
        String messageId = request.getHeader("Message-Id");
        String contentType = request.getHeader("content-type");
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase();
        int status;
        if (!type.equals("text/plain") && !type.equals("application/json")) {
            status = error(request, 415, "unsupported content type: " + contentType);
        } else if (body.length() > MAX_BODY) {
            status = error(request, 413, "message too large: " + body.length() + " bytes, at most " + MAX_BODY);
        } else if (messageId != null && !ID.matcher(messageId).matches()) {
            status = error(request, 400, "invalid Message-Id");
        } else if (name.equals("down") || (name.equals("busy") && channel.refusedOnce.add(String.valueOf(messageId)))) {
            request.response().putHeader("Retry-After", name.equals("down") ? "0" : "1");
            status = error(request, 503, "broker did not confirm in time");
        } else {
            String id = messageId != null ? messageId : UUID.randomUUID().toString();
            if (channel.published.add(id)) {
                deliver(name, channel, id, type, body);
            }
            status = 202;
            request.response().setStatusCode(202).putHeader("content-type", "application/json")
                    .end(JSON.createObjectNode().put("id", id).toString());
        }
        channel.requests.add(new Request(messageId, contentType, body.toString(StandardCharsets.UTF_8), status));
    }

    private void deliver(String name, Channel channel, String id, String type, Buffer body) {
        int n = ++channel.count;
        int copies = name.equals("drop") && n == FAULTY_MESSAGE ? 0 : name.equals("dup") && n == FAULTY_MESSAGE ? 2 : 1;
        ObjectNode frame = JSON.createObjectNode().put("id", id).put("timestamp", Instant.now().toString())
                .put("contentType", type);
        String text = utf8(body);
        if (text == null) {
            frame.put("body", Base64.getEncoder().encodeToString(body.getBytes())).put("encoding", "base64");
        } else {
            frame.put("body", text);
        }
        String wire = frame.toString();
        for (int i = 0; i < copies; i++) {
            channel.clients.forEach(ws -> ws.writeTextMessage(wire));
            channel.archive.add(frame.deepCopy().put("archivedAt", Instant.now().toString()));
        }
    }

    private static String utf8(Buffer body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body.getBytes())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int error(HttpServerRequest request, int status, String message) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(JSON.createObjectNode().put("error", message).toString());
        return status;
    }

    private void accept(ServerWebSocket ws) {
        String path = ws.path();
        Channel channel = channel(path.substring(1, path.length() - "/logs/stream".length()));
        channel.clients.add(ws);
        channel.connections.incrementAndGet();
        ws.closeHandler(v -> channel.clients.remove(ws));
        ws.textMessageHandler(text -> { });
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
