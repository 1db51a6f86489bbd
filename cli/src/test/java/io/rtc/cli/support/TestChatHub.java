package io.rtc.cli.support;

import io.rtc.common.signalr.InvalidMessageException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A tiny SignalR chat hub for tests, on the rtc-common codec like chat-service: negotiate (version 1),
 * the three transports (WebSocket with or without {@code ?id=}; Server-Sent Events and long polling with
 * POSTs, DELETE ending a polled connection), the JSON and MessagePack protocols, JoinRoom / SendMessage /
 * LeaveRoom / GetHistory with Completions and ReceiveMessage broadcasts. Several instances share one room
 * table, like chat-service instances share Redis. All instances run on one event loop, so the table needs
 * no lock. Paths that misbehave on purpose: {@code /refuseHub} refuses the handshake, {@code /closeHub}
 * sends a Close with an error on the first SendMessage, {@code /flakyHub} drops one member's copy of every
 * 5th message and delivers every 7th twice, {@code /wsOnlyHub} offers only WebSockets. A message "boom" is
 * a hub error; the room "forbidden" cannot be joined. {@code /authHub} wants a token on negotiate
 * ({@code Authorization: Bearer}) and on every later request ({@code Authorization} or {@code access_token=}),
 * checked by {@link #tokenCheck}: by default {@code good-token} passes, {@code forbidden-token} gets 403,
 * anything else (or nothing) 401, each with a one-line reason in the body, as chat-service refuses. Every
 * credential it was shown is kept in {@link #credentials()}.
 */
public final class TestChatHub implements AutoCloseable {

    /** How long a poll with nothing to give is held: short, so that tests see empty answers too. */
    static final long POLL_HOLD_MILLIS = 300;
    private static final String ALL_TRANSPORTS = "[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]},"
            + "{\"transport\":\"ServerSentEvents\",\"transferFormats\":[\"Text\"]},"
            + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]";

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final List<HttpServer> servers = new ArrayList<>();
    private final HubRooms rooms = new HubRooms();
    private final HubMethods hub;
    private final Map<String, HubPeer> negotiated = new HashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Short> closeCodes = new CopyOnWriteArrayList<>();
    private final List<Credential> credentials = new CopyOnWriteArrayList<>();
    private final List<String> handshakes = new CopyOnWriteArrayList<>();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final AtomicInteger emptyPolls = new AtomicInteger();
    private final AtomicInteger batchedPosts = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private volatile Function<String, Refusal> tokenCheck = TestChatHub::defaultCheck;
    private volatile long postDelayMillis;
    private int connections;

    /** What one request to {@code /authHub} carried: its step, the header, the query parameter. */
    public record Credential(String step, String authorization, String accessToken) {
    }

    /** Why a token was refused: 401 or 403 and the body's reason. */
    public record Refusal(int status, String reason) {
    }

    private TestChatHub(int instances) throws Exception {
        hub = new HubMethods(rooms, calls, handshakes, this::end);
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

    /** Each accepted handshake as {@code transport/protocol}, e.g. {@code longpolling/messagepack}. */
    public List<String> handshakes() {
        return handshakes;
    }

    /** POSTs answered 409 because another of the same connection was in flight: a client bug. */
    public int conflicts() {
        return conflicts.get();
    }

    /** POSTs that carried more than one record: what a client queued while one was in flight. */
    public int batchedPosts() {
        return batchedPosts.get();
    }

    /** Polls answered 200 empty after being held. */
    public int emptyPolls() {
        return emptyPolls.get();
    }

    /** DELETEs that ended a connection. */
    public int deletes() {
        return deletes.get();
    }

    /** Answers each POST this much later, so that a client's next sends wait and go together. */
    public void postDelay(long millis) {
        postDelayMillis = millis;
    }

    /** Replaces the token check of /authHub: null from the function lets the token in; null puts the default back. */
    public void tokenCheck(Function<String, Refusal> check) {
        tokenCheck = check == null ? TestChatHub::defaultCheck : check;
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
        boolean negotiate = request.path().endsWith("/negotiate");
        if (request.path().startsWith("/authHub") && refused(request, upgrade, negotiate)) {
            return;
        }
        String id = request.getParam("id");
        if (upgrade) {
            request.toWebSocket().onSuccess(this::accept);
        } else if (negotiate) {
            negotiate(request);
        } else if (id == null) {
            request.response().setStatusCode(400).end("Connection ID required");
        } else if (!negotiated.containsKey(id)) {
            request.response().setStatusCode(404).end("No Connection with that ID");
        } else {
            HubPeer peer = negotiated.get(id);
            if (request.method() == HttpMethod.POST) {
                post(peer, request);
            } else if (request.method() == HttpMethod.DELETE) {
                delete(peer, id, request);
            } else if ("text/event-stream".equals(request.getHeader("Accept"))) {
                stream(peer, request);
            } else {
                poll(peer, request);
            }
        }
    }

    private boolean refused(HttpServerRequest request, boolean upgrade, boolean negotiate) {
        String header = request.getHeader("Authorization");
        String query = request.getParam("access_token");
        String step = upgrade ? "upgrade" : negotiate ? "negotiate" : request.method().name().toLowerCase();
        credentials.add(new Credential(step, header, query));
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                : negotiate ? null : query;
        Refusal refusal = tokenCheck.apply(token);
        if (refusal == null) {
            return false;
        }
        request.response().setStatusCode(refusal.status()).putHeader("content-type", "text/plain; charset=utf-8");
        if (refusal.status() == 401) {
            request.response().putHeader("WWW-Authenticate", token == null ? "Bearer"
                    : "Bearer error=\"invalid_token\", error_description=\"" + refusal.reason() + "\"");
        }
        request.response().end(refusal.reason() + "\n");
        return true;
    }

    private void negotiate(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST || !"1".equals(request.getParam("negotiateVersion"))) {
            request.response().setStatusCode(404).end("no such hub endpoint");
            return;
        }
        int n = ++connections;
        String path = request.path().substring(0, request.path().length() - "/negotiate".length());
        negotiated.put("t" + n, new HubPeer("c" + n, path));
        String transports = path.equals("/wsOnlyHub")
                ? "[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]}]" : ALL_TRANSPORTS;
        request.response().putHeader("content-type", "application/json").end("{\"negotiateVersion\":1,"
                + "\"connectionId\":\"c" + n + "\",\"connectionToken\":\"t" + n + "\",\"availableTransports\":" + transports + "}");
    }

    private void accept(ServerWebSocket ws) {
        String token = ws.query() == null || !ws.query().matches("(.*&)?id=.*") ? null
                : ws.query().replaceAll("^(?:.*&)?id=([^&]*).*$", "$1");
        String id = token == null ? "c" + (++connections) : "c" + token.substring(1);
        HubPeer peer = new HubPeer(id, ws.path());
        peer.transport = "websockets";
        peer.downlink = new HubDownlinks.WebSocket(ws);
        if (token != null) {
            negotiated.remove(token); // a WebSocket is the whole connection: no request names it again
        }
        ws.closeHandler(v -> {
            closeCodes.add(ws.closeStatusCode());
            rooms.leaveAll(peer);
        });
        ws.handler(bytes -> feed(peer, bytes, () -> ws.close()));
    }

    private void stream(HubPeer peer, HttpServerRequest request) {
        peer.transport = "sse";
        peer.downlink = new HubDownlinks.EventStream(request.response());
        request.response().closeHandler(v -> rooms.leaveAll(peer));
    }

    private void poll(HubPeer peer, HttpServerRequest request) {
        if (peer.downlink == null) {
            peer.transport = "longpolling";
            peer.downlink = new HubDownlinks.Polls(vertx, POLL_HOLD_MILLIS, emptyPolls);
        }
        ((HubDownlinks.Polls) peer.downlink).poll(request);
    }

    private void post(HubPeer peer, HttpServerRequest request) {
        if (peer.postInFlight) {
            conflicts.incrementAndGet();
            request.response().setStatusCode(409).end("Another send request is already in progress.");
            return;
        }
        peer.postInFlight = true;
        request.body().onSuccess(body -> {
            int before = calls.size();
            feed(peer, body, () -> end(peer));
            if (calls.size() - before > 1) {
                batchedPosts.incrementAndGet();
            }
            Runnable answer = () -> {
                peer.postInFlight = false;
                request.response().end();
            };
            if (postDelayMillis > 0) {
                vertx.setTimer(postDelayMillis, t -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    private void delete(HubPeer peer, String token, HttpServerRequest request) {
        negotiated.remove(token);
        deletes.incrementAndGet();
        if (peer.downlink != null) {
            end(peer);
        }
        request.response().setStatusCode(202).end();
    }

    /** The hub ends the connection: out of every room at once, whatever the transport tells later. */
    private void end(HubPeer peer) {
        rooms.leaveAll(peer);
        peer.downlink.end();
    }

    private void feed(HubPeer peer, Buffer bytes, Runnable abort) {
        try {
            peer.feed(bytes.getByteBuf(), hub);
        } catch (InvalidMessageException e) {
            abort.run();
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
