package io.rtc.fanout.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
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
        TailClient client = new TailClient(reading);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(baseUrl.replace("http://", "ws://") + "/logs/stream"), client)
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    /**
     * A reading client that has seen a probe message go through, so the instance's tail queue is
     * bound: its consumer declares it asynchronously after start.
     */
    public static TailClient connectLive(String baseUrl) throws Exception {
        TailClient client = connect(baseUrl, true);
        String probe = "tail-probe-" + java.util.UUID.randomUUID();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> {
                    Http.publish(baseUrl, "probe", probe);
                    return client.countId(probe) > 0;
                });
        return client;
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
