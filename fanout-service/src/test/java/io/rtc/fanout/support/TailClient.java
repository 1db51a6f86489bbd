package io.rtc.fanout.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;

/**
 * A live-tail client on the JDK's WebSocket: collects every frame as JSON. With
 * {@code reading=false} it never asks for a frame, like a client that stopped reading.
 */
public final class TailClient implements WebSocket.Listener, AutoCloseable {

    public final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean reading;
    private WebSocket socket;

    private TailClient(boolean reading) {
        this.reading = reading;
    }

    public static TailClient connect(String baseUrl, boolean reading) throws Exception {
        return connect(baseUrl, reading, null);
    }

    /** With the token in the {@code access_token} query parameter (as a browser sends it) when it is not null. */
    public static TailClient connect(String baseUrl, boolean reading, String token) throws Exception {
        TailClient client = new TailClient(reading);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(streamUri(baseUrl, token), client)
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The URI of {@code /logs/stream}, with {@code ?access_token=} when the token is not null. */
    public static URI streamUri(String baseUrl, String token) {
        return URI.create(baseUrl.replace("http://", "ws://") + "/logs/stream" + (token == null ? "" : "?access_token=" + token));
    }

    /**
     * A reading client that has seen a probe message go through, so the instance's tail queue is
     * bound: its consumer declares it asynchronously after start.
     */
    public static TailClient connectLive(String baseUrl) throws Exception {
        return connectLive(baseUrl, null, null);
    }

    /** The same with tokens: one to read the tail, one to publish the probes (null: anonymous). */
    public static TailClient connectLive(String baseUrl, String subscriberToken, String publisherToken) throws Exception {
        TailClient client = connect(baseUrl, true, subscriberToken);
        String probe = "tail-probe-" + java.util.UUID.randomUUID();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> {
                    Http.publish(baseUrl, "probe", probe, publisherToken);
                    return client.countId(probe) > 0;
                });
        return client;
    }

    /**
     * Tries an upgrade of {@code /logs/stream} and closes the socket at once if it opened: null when the server
     * accepted it, else its refusal (status, headers). Headers come as name, value pairs.
     */
    public static HttpResponse<?> refusal(HttpClient http, URI uri, String... headers) throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            builder.buildAsync(uri, new WebSocket.Listener() {
            }).get(10, TimeUnit.SECONDS).abort();
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse();
            }
            throw e;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(new JsonObject(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedWith.complete(-1);
    }

    /** Frames whose id is one of ours (other publishers may share the exchange). */
    public long countId(String id) {
        return frames.stream().filter(f -> id.equals(f.getString("id"))).count();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
