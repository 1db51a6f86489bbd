package io.rtc.chat.support;

import static io.rtc.chat.support.HubTestClient.RS;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Raw HTTP for SignalR's Server-Sent Events and Long Polling transports ({@code GET/POST/DELETE /chatHub?id=}),
 * for tests that send what the official clients never would: plain {@code java.net.http} over HTTP/1.1, an SSE
 * stream read line by line, a POST whose body is still being written, and just enough MessagePack to read a
 * {@code Close}.
 */
public final class HttpTransports {

    public static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    public static final String JSON_HANDSHAKE = HubTestClient.HANDSHAKE;
    public static final String MESSAGEPACK_HANDSHAKE = "{\"protocol\":\"messagepack\",\"version\":1}" + RS;
    public static final String PING = "{\"type\":6}" + RS;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpTransports() {
    }

    /** A new connection's token (negotiate version 1). */
    public static String token(String hubUrl) throws Exception {
        return HubTestClient.negotiate(hubUrl).get("connectionToken").asText();
    }

    /** The token with its last characters changed: the right shape, a signature that does not match. */
    public static String forged(String token) {
        return token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
    }

    public static String url(String hubUrl, String token) {
        return token == null ? hubUrl : hubUrl + "?id=" + token;
    }

    /** One request; the whole answer. */
    public static HttpResponse<byte[]> send(String method, String url, byte[] body, Map<String, String> headers) throws Exception {
        return sendAsync(method, url, body, headers).get(30, TimeUnit.SECONDS);
    }

    public static CompletableFuture<HttpResponse<byte[]>> sendAsync(String method, String url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POSTs records to the connection; the status. */
    public static int post(String hubUrl, String token, byte[] body) throws Exception {
        return send("POST", url(hubUrl, token), body, Map.of("Content-Type", "application/octet-stream")).statusCode();
    }

    public static int post(String hubUrl, String token, String records) throws Exception {
        return send("POST", url(hubUrl, token), records.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "text/plain;charset=UTF-8")).statusCode();
    }

    public static int delete(String hubUrl, String token) throws Exception {
        return send("DELETE", url(hubUrl, token), null, Map.of()).statusCode();
    }

    /** A long poll, answered whenever the server answers it. */
    public static CompletableFuture<HttpResponse<byte[]>> poll(String hubUrl, String token) {
        return sendAsync("GET", url(hubUrl, token), null, Map.of());
    }

    /** A long poll, waited for. */
    public static HttpResponse<byte[]> pollNow(String hubUrl, String token) throws Exception {
        return poll(hubUrl, token).get(30, TimeUnit.SECONDS);
    }

    /** The JSON records of a text body (split at 0x1E), Pings left out. */
    public static List<JsonNode> records(byte[] body) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String record : new String(body, StandardCharsets.UTF_8).split(String.valueOf(RS))) {
            if (!record.isEmpty()) {
                JsonNode node = JSON.readTree(record);
                if (node.path("type").asInt() != 6) {
                    records.add(node);
                }
            }
        }
        return records;
    }

    // ---- Long Polling ----

    /** A Long Polling connection: negotiated, first poll done, handshake sent and answered. */
    public static final class LongPolling {

        public final String hubUrl;
        public final String token;

        private LongPolling(String hubUrl, String token) {
            this.hubUrl = hubUrl;
            this.token = token;
        }

        /** Negotiates, polls once (the server answers at once), shakes hands with {@code handshake}. */
        public static LongPolling open(String hubUrl, String handshake) throws Exception {
            return open(hubUrl, hubUrl, handshake);
        }

        /** The same, the negotiate and the first poll on {@code hubUrl}, the handshake's POST and poll on {@code otherUrl}. */
        public static LongPolling open(String hubUrl, String otherUrl, String handshake) throws Exception {
            LongPolling lp = new LongPolling(hubUrl, token(hubUrl));
            HttpResponse<byte[]> first = pollNow(hubUrl, lp.token);
            if (first.statusCode() != 200) {
                throw new AssertionError("the first poll answered " + first.statusCode() + ": " + new String(first.body(), StandardCharsets.UTF_8));
            }
            int posted = HttpTransports.post(otherUrl, lp.token, handshake);
            if (posted != 200) {
                throw new AssertionError("the handshake's POST answered " + posted);
            }
            HttpResponse<byte[]> answer = pollNow(otherUrl, lp.token);
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            if (answer.statusCode() != 200 || !text.startsWith("{}" + RS)) {
                throw new AssertionError("the handshake's poll answered " + answer.statusCode() + ": " + text);
            }
            return lp;
        }

        /** A connection whose negotiate, first poll and handshake the test did itself. */
        public static LongPolling attach(String hubUrl, String token) {
            return new LongPolling(hubUrl, token);
        }

        public CompletableFuture<HttpResponse<byte[]>> poll() {
            return HttpTransports.poll(hubUrl, token);
        }

        public int post(String records) throws Exception {
            return HttpTransports.post(hubUrl, token, records);
        }

        /** Polls until the Completion of {@code invocationId} comes; the records before it are dropped. */
        public JsonNode completion(String invocationId) throws Exception {
            while (true) {
                for (JsonNode record : next()) {
                    if (record.path("type").asInt() == 3 && invocationId.equals(record.path("invocationId").asText())) {
                        return record;
                    }
                }
            }
        }

        /** Polls until a record other than a Ping comes (or the poll answers something else than 200). */
        public List<JsonNode> next() throws Exception {
            while (true) {
                HttpResponse<byte[]> answer = pollNow(hubUrl, token);
                if (answer.statusCode() != 200) {
                    throw new AssertionError("a poll answered " + answer.statusCode());
                }
                List<JsonNode> records = records(answer.body());
                if (!records.isEmpty()) {
                    return records;
                }
            }
        }
    }

    // ---- Server-Sent Events ----

    /** An SSE stream of one connection, read as it comes: each event's data (data: lines joined) queued. */
    public static final class Sse implements AutoCloseable {

        private static final String END = new String("end of stream");

        public final String hubUrl;
        public final String token;
        private final HttpResponse<InputStream> response;
        private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        private Sse(String hubUrl, String token, HttpResponse<InputStream> response) {
            this.hubUrl = hubUrl;
            this.token = token;
            this.response = response;
            Thread reader = new Thread(this::read, "sse-" + token.substring(0, Math.min(8, token.length())));
            reader.setDaemon(true);
            reader.start();
        }

        /** {@code GET /chatHub?id=<token>} with {@code Accept: text/event-stream}: the stream, once the headers came. */
        public static Sse open(String hubUrl, String token) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url(hubUrl, token))).header("Accept", "text/event-stream").GET().build();
            HttpResponse<InputStream> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new Sse(hubUrl, token, response);
        }

        /** Negotiates on {@code hubUrl}, opens the stream there and shakes hands (JSON) with a POST to {@code postUrl}. */
        public static Sse connect(String hubUrl, String postUrl) throws Exception {
            Sse sse = open(hubUrl, token(hubUrl));
            if (sse.status() != 200) {
                throw new AssertionError("the SSE GET answered " + sse.status() + ": " + sse.body());
            }
            int posted = HttpTransports.post(postUrl, sse.token, JSON_HANDSHAKE);
            if (posted != 200) {
                throw new AssertionError("the handshake's POST answered " + posted);
            }
            String answer = sse.nextRecord();
            if (!"{}".equals(answer)) {
                throw new AssertionError("the handshake answered " + answer);
            }
            return sse;
        }

        public int status() {
            return response.statusCode();
        }

        public HttpHeaders headers() {
            return response.headers();
        }

        /** What a refused GET said: its body, once it ended. */
        public String body() {
            awaitEnd(Duration.ofSeconds(5));
            return String.join("\n", lines);
        }

        /** The lines received so far, as sent (comments, data: lines, blank lines). */
        public List<String> lines() {
            return List.copyOf(lines);
        }

        /** The next record of the stream (without its separator), Pings included; events may hold several. */
        public String nextRawRecord() throws InterruptedException {
            while (true) {
                int end = partial.indexOf(String.valueOf(RS));
                if (end >= 0) {
                    String record = partial.substring(0, end);
                    partial.delete(0, end + 1);
                    return record;
                }
                String event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                if (event == null) {
                    throw new IllegalStateException("no SSE event within " + WAIT + "; lines: " + lines);
                }
                if (event == END) {
                    events.add(END);
                    throw new IllegalStateException("the SSE stream ended; lines: " + lines);
                }
                partial.append(event);
            }
        }

        /** The next record other than a Ping. */
        public String nextRecord() throws Exception {
            while (true) {
                String record = nextRawRecord();
                if (JSON.readTree(record).path("type").asInt() != 6) {
                    return record;
                }
            }
        }

        public JsonNode next() throws Exception {
            return JSON.readTree(nextRecord());
        }

        /** Waits until the server ends the stream; false if it did not within {@code within}. */
        public boolean awaitEnd(Duration within) {
            try {
                ended.get(within.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                return true;
            }
        }

        public int post(String records) throws Exception {
            return HttpTransports.post(hubUrl, token, records);
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                StringBuilder data = null;
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    if (line.isEmpty()) {
                        if (data != null) {
                            events.add(data.toString());
                            data = null;
                        }
                    } else if (line.startsWith("data:")) {
                        String value = line.substring(5);
                        value = value.startsWith(" ") ? value.substring(1) : value;
                        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    }
                }
            } catch (IOException e) {
                // closed
            } finally {
                events.add(END);
                ended.complete(null);
            }
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // gone anyway
            }
        }
    }

    // ---- a POST still being written ----

    /** A POST over a plain socket that has sent its headers and part of its body; {@link #finish} sends the rest. */
    public static final class SlowPost implements AutoCloseable {

        private final Socket socket;
        private final byte[] rest;

        private SlowPost(Socket socket, byte[] rest) {
            this.socket = socket;
            this.rest = rest;
        }

        /** Starts {@code POST url} with {@code body}'s length and sends its first {@code sent} bytes. */
        public static SlowPost start(String url, byte[] body, int sent) throws IOException {
            URI uri = URI.create(url);
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout((int) WAIT.toMillis());
            String head = "POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, sent);
            out.flush();
            byte[] rest = new byte[body.length - sent];
            System.arraycopy(body, sent, rest, 0, rest.length);
            return new SlowPost(socket, rest);
        }

        /** Sends the rest of the body; the status of the answer. */
        public int finish() throws IOException {
            socket.getOutputStream().write(rest);
            socket.getOutputStream().flush();
            return status();
        }

        private int status() throws IOException {
            ByteArrayOutputStream status = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                status.write(b);
            }
            String line = status.toString(StandardCharsets.US_ASCII);
            if (!line.startsWith("HTTP/1.1 ")) {
                throw new IOException("not an HTTP answer: " + line);
            }
            return Integer.parseInt(line.substring(9, 12));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * POSTs {@code body} over a plain socket, writing it on another thread while the answer is read, so that a server
     * that answers (413, say) and closes before it has read the whole body is heard; the answer's status.
     */
    public static int postWhileReading(String url, byte[] body) throws Exception {
        try (SlowPost post = SlowPost.start(url, body, 0)) {
            Thread writer = new Thread(() -> {
                try {
                    post.socket.getOutputStream().write(post.rest);
                    post.socket.getOutputStream().flush();
                } catch (IOException e) {
                    // the server stopped reading: its answer tells why
                }
            }, "post-writer");
            writer.setDaemon(true);
            writer.start();
            return post.status();
        }
    }

    // ---- MessagePack, through the shared codec ----

    /** A record as the MessagePack protocol frames it: its length as a VarInt, then the bytes (malformed or not). */
    public static byte[] lengthPrefixed(byte... message) {
        return io.rtc.common.signalr.VarInt.frame(message);
    }

    /** The messages of a MessagePack body; a text handshake answer first is skipped. */
    public static List<io.rtc.common.signalr.HubMessage> messagePackMessages(byte[] body) throws Exception {
        io.netty.buffer.ByteBuf bytes = io.netty.buffer.Unpooled.wrappedBuffer(body);
        if (body.length >= 3 && body[0] == '{') {
            io.rtc.common.signalr.Handshake.reader(1 << 20).feed(bytes, record -> {
            });
        }
        return io.rtc.common.signalr.HubProtocol.messagePack().parseAll(bytes, 1 << 20);
    }
}
