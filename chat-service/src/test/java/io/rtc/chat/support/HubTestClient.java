package io.rtc.chat.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A SignalR JSON-protocol client over the JDK's WebSocket, for tests: it speaks raw records so a
 * test can also send what the official clients never would. Records received are split at 0x1E
 * and queued; {@link #invoke} waits for the matching Completion and leaves everything else queued.
 */
public final class HubTestClient implements AutoCloseable {

    public static final char RS = '\u001e';
    public static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}" + RS;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pings like the official clients do, so a loaded test machine never trips the client timeout. */
    private static final ScheduledExecutorService PINGER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-test-pinger");
        thread.setDaemon(true);
        return thread;
    });

    private final LinkedBlockingQueue<String> records = new LinkedBlockingQueue<>();
    private final List<JsonNode> held = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private volatile String closeReason;
    private volatile boolean pinging = true;
    private volatile boolean reading = true;
    /** Where records go instead of the queue, as they arrive (for latency measurements); null: the queue. */
    private volatile java.util.function.Consumer<String> onRecord;
    private WebSocket ws;

    /** Negotiates (version 1), connects and completes the handshake. */
    public static HubTestClient connect(String hubUrl) throws Exception {
        JsonNode negotiation = negotiate(hubUrl);
        HubTestClient client = open(hubUrl + "?id=" + negotiation.get("connectionToken").asText());
        client.handshake();
        return client;
    }

    /** Negotiates with the token as a bearer, connects with it as {@code access_token} (as browsers do), shakes hands. */
    public static HubTestClient connect(String hubUrl, String token) throws Exception {
        return connect(hubUrl, token, Map.of());
    }

    /** The same with extra headers on both requests (X-Forwarded-For, say). */
    public static HubTestClient connect(String hubUrl, String token, Map<String, String> headers) throws Exception {
        HttpResponse<String> answer = negotiateResponse(hubUrl, token, headers);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("negotiate answered " + answer.statusCode() + ": " + answer.body());
        }
        String id = JSON.readTree(answer.body()).get("connectionToken").asText();
        HubTestClient client = open(hubUrl + "?id=" + id + (token == null ? "" : "&access_token=" + token), headers);
        client.handshake();
        return client;
    }

    public static JsonNode negotiate(String hubUrl) throws Exception {
        HttpResponse<String> answer = negotiateResponse(hubUrl, null, Map.of());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("negotiate answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /** The negotiate's whole answer, with the token (if any) as a bearer. */
    public static HttpResponse<String> negotiateResponse(String hubUrl, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(hubUrl + "/negotiate?negotiateVersion=1"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            post.header("Authorization", "Bearer " + token);
        }
        headers.forEach(post::header);
        return HTTP.send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens the WebSocket only: no handshake yet. */
    public static HubTestClient open(String url) throws Exception {
        return open(url, Map.of());
    }

    public static HubTestClient open(String url, Map<String, String> headers) throws Exception {
        HubTestClient client = new HubTestClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        headers.forEach(builder::header);
        client.ws = builder.buildAsync(URI.create(url.replaceFirst("^http", "ws")), client.listener()).get(10, TimeUnit.SECONDS);
        return client;
    }

    /**
     * The HTTP status a WebSocket upgrade of {@code url} gets, through a plain socket (the JDK's client only
     * says that the upgrade failed), with the response's headers and body after it.
     */
    public static String upgradeAnswer(String url) throws Exception {
        URI uri = URI.create(url.replaceFirst("^http", "ws"));
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] buffer = new byte[4096];
            int read = socket.getInputStream().read(buffer);
            return read <= 0 ? "" : new String(buffer, 0, read, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The status code of {@link #upgradeAnswer}. */
    public static int upgradeStatus(String url) throws Exception {
        String answer = upgradeAnswer(url);
        return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
    }

    public void handshake() throws Exception {
        sendText(HANDSHAKE);
        String answer = nextRecord();
        if (!"{}".equals(answer)) {
            throw new IllegalStateException("handshake answered " + answer);
        }
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = PINGER.scheduleWithFixedDelay(() -> {
            if (!pinging || closed.isDone()) {
                task[0].cancel(false);
            } else {
                sendText("{\"type\":6}" + RS);
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** From now on each record goes to {@code hook} as it arrives, on the client's thread, not to the queue. */
    public void onRecord(java.util.function.Consumer<String> hook) {
        onRecord = hook;
    }

    /** Stops reading: what the server sends piles up in its buffers, as for a stalled client. */
    public void stopReading() {
        reading = false;
    }

    /** Stops the automatic Pings: the client falls silent, as a dead one would. */
    public void stopPinging() {
        pinging = false;
    }

    /** Sends one text frame; one send at a time, as the JDK WebSocket requires (the pinger shares it). */
    public synchronized void sendText(String text) {
        ws.sendText(text, true).join();
    }

    public synchronized void sendBinary(byte[] bytes) {
        ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Invokes a hub method and returns its Completion record. */
    public JsonNode invoke(String target, Object... arguments) throws Exception {
        String id = Integer.toString(ids.incrementAndGet());
        sendText(invocation(id, target, arguments));
        return completion(id);
    }

    public static String invocation(String id, String target, Object... arguments) throws Exception {
        // written by the codec the server and the cli use, so the tests speak exactly what they do
        byte[] record = io.rtc.common.signalr.HubProtocol.json().write(new io.rtc.common.signalr.Invocation(null, id, target,
                (com.fasterxml.jackson.databind.node.ArrayNode) JSON.valueToTree(arguments), null));
        return new String(record, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Waits for the Completion of {@code id}; other records stay queued for {@link #next}. */
    public JsonNode completion(String id) throws Exception {
        while (true) {
            JsonNode record = JSON.readTree(nextRecord());
            if (record.path("type").asInt() == 3 && id.equals(record.path("invocationId").asText())) {
                return record;
            }
            held.add(record);
        }
    }

    /** The next record other than a Ping. */
    public JsonNode next() throws Exception {
        if (!held.isEmpty()) {
            return held.remove(0);
        }
        while (true) {
            JsonNode record = JSON.readTree(nextRecord());
            if (record.path("type").asInt() != 6) {
                return record;
            }
        }
    }

    /** The next {@code ReceiveMessage} as "user: message". */
    public String nextMessage() throws Exception {
        while (true) {
            JsonNode record = next();
            if (record.path("type").asInt() == 1 && "ReceiveMessage".equals(record.path("target").asText())) {
                return record.get("arguments").get(0).asText() + ": " + record.get("arguments").get(1).asText();
            }
        }
    }

    /** The next raw record (without its separator), Pings included. */
    public String nextRecord() throws Exception {
        String record = records.poll(10, TimeUnit.SECONDS);
        if (record == null) {
            throw new IllegalStateException("no record within 10 s" + (closed.isDone() ? "; closed " + closeReason : ""));
        }
        return record;
    }

    /** The close code the server sent, waiting for it. */
    public int awaitClose() {
        await().atMost(Duration.ofSeconds(15)).until(closed::isDone);
        return closed.join();
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            ws.abort();
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                int end;
                while ((end = partial.indexOf(String.valueOf(RS))) >= 0) {
                    String record = partial.substring(0, end);
                    java.util.function.Consumer<String> hook = onRecord;
                    if (hook == null) {
                        records.add(record);
                    } else {
                        hook.accept(record);
                    }
                    partial.delete(0, end + 1);
                }
                if (reading) {
                    socket.request(1);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                closeReason = reason;
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closeReason = error.toString();
                closed.complete(-1);
            }
        };
    }
}
