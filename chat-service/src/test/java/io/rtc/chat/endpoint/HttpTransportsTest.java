package io.rtc.chat.endpoint;

import static io.rtc.chat.support.HttpTransports.JSON_HANDSHAKE;
import static io.rtc.chat.support.HttpTransports.MESSAGEPACK_HANDSHAKE;
import static io.rtc.chat.support.HubTestClient.RS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.chat.support.HttpTransports;
import io.rtc.chat.support.HttpTransports.LongPolling;
import io.rtc.chat.support.HttpTransports.SlowPost;
import io.rtc.chat.support.HttpTransports.Sse;
import io.rtc.chat.support.HubTestClient;

/**
 * The Server-Sent Events and Long Polling transports over plain HTTP (SignalR's TransportProtocols.md), and what
 * they answer to bad input: 400 without an id, 404 for unknown or forged ids, 409 for a second POST while one is
 * still being read, 405 for a POST to a WebSocket connection, 400 for DELETE on SSE, 202 then 404 for DELETE on
 * Long Polling, 204 for a poll replaced by a newer one, 413 for a POST over {@code chat.max-post-size}, and a
 * {@code Close} with an error on the stream or the next poll for a bad record. The test profile's short timers
 * apply (keep-alive 1 s, client timeout 3 s): each test is done in well under that, or keeps the connection busy.
 */
@QuarkusTest
class HttpTransportsTest {

    private static final Map<String, String> EVENT_STREAM = Map.of("Accept", "text/event-stream");
    private static final String PING = HttpTransports.PING;

    @TestHTTPResource("/chatHub")
    URL hub;

    private String hub() {
        return hub.toString();
    }

    // ---- the happy paths the bad input is measured against ----

    @Test
    void sseStreamHasTheHeadersAndCarriesTheConnection() throws Exception {
        String token = HttpTransports.token(hub());
        try (Sse sse = Sse.open(hub(), token)) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(sse.headers().firstValue("Cache-Control").orElse("")).contains("no-cache");
            assertThat(sse.headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(HttpTransports.post(hub(), token, JSON_HANDSHAKE)).isEqualTo(200);
            assertThat(sse.nextRecord()).isEqualTo("{}");
            assertThat(sse.lines().get(0)).as("a comment first, so proxies pass the headers on").startsWith(":");
            String room = "sse-" + UUID.randomUUID();
            assertThat(sse.post(HubTestClient.invocation("1", "JoinRoom", room))).isEqualTo(200);
            List<JsonNode> got = List.of(sse.next(), sse.next());
            assertThat(got).anyMatch(r -> r.path("type").asInt() == 3 && "1".equals(r.path("invocationId").asText()) && !r.has("error"));
            assertThat(got).anyMatch(r -> r.path("type").asInt() == 1 && r.path("arguments").get(1).asText().endsWith("has joined the room " + room));
        }
    }

    @Test
    void longPollingFirstPollAnswersAtOnceThenPollsCarryTheRecords() throws Exception {
        String token = HttpTransports.token(hub());
        long start = System.nanoTime();
        HttpResponse<byte[]> first = HttpTransports.pollNow(hub(), token);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("the first poll does not wait").isLessThan(10);
        assertThat(HttpTransports.post(hub(), token, JSON_HANDSHAKE)).isEqualTo(200);
        HttpResponse<byte[]> handshake = HttpTransports.pollNow(hub(), token);
        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(new String(handshake.body(), StandardCharsets.UTF_8)).startsWith("{}" + RS);
        LongPolling lp = LongPolling.attach(hub(), token);
        assertThat(lp.post(HubTestClient.invocation("7", "GetHistory", "lp-empty-" + UUID.randomUUID(), 5))).isEqualTo(200);
        JsonNode completion = lp.completion("7");
        assertThat(completion.path("result").isArray()).as("%s", completion).isTrue();
    }

    // ---- 400, 404 ----

    @Test
    void withoutAnIdEveryMethodIs400() throws Exception {
        assertThat(HttpTransports.send("GET", hub(), null, EVENT_STREAM).statusCode()).as("SSE GET").isEqualTo(400);
        assertThat(HttpTransports.send("GET", hub(), null, Map.of()).statusCode()).as("poll").isEqualTo(400);
        assertThat(HttpTransports.post(hub(), null, PING)).as("POST").isEqualTo(400);
        assertThat(HttpTransports.delete(hub(), null)).as("DELETE").isEqualTo(400);
    }

    @Test
    void unknownAndForgedIdsAre404OnEveryMethod() throws Exception {
        String forged = HttpTransports.forged(HttpTransports.token(hub()));
        for (String id : List.of("not-a-token", forged)) {
            String url = HttpTransports.url(hub(), id);
            assertThat(HttpTransports.send("GET", url, null, EVENT_STREAM).statusCode()).as("SSE GET %s", id).isEqualTo(404);
            assertThat(HttpTransports.send("GET", url, null, Map.of()).statusCode()).as("poll %s", id).isEqualTo(404);
            assertThat(HttpTransports.post(hub(), id, PING)).as("POST %s", id).isEqualTo(404);
            assertThat(HttpTransports.delete(hub(), id)).as("DELETE %s", id).isEqualTo(404);
        }
    }

    // ---- 409, 405, 400 DELETE ----

    @Test
    void aSecondPostWhileTheFirstIsStillBeingReadIs409() throws Exception {
        try (Sse sse = Sse.connect(hub(), hub())) {
            byte[] body = PING.getBytes(StandardCharsets.UTF_8);
            try (SlowPost slow = SlowPost.start(HttpTransports.url(hub(), sse.token), body, 3)) {
                // the first POST's head may still be on its way: a Ping sent before it arrived is harmless
                await("a POST while another is in progress is refused").atMost(Duration.ofSeconds(10))
                        .until(() -> sse.post(PING) == 409);
                assertThat(slow.finish()).as("the first POST, once its body is complete").isEqualTo(200);
            }
            assertThat(sse.post(PING)).as("a POST after the first ended").isEqualTo(200);
        }
    }

    @Test
    void aPostToAWebSocketConnectionIs405() throws Exception {
        String token = HttpTransports.token(hub());
        try (HubTestClient ws = HubTestClient.open(hub() + "?id=" + token)) {
            ws.handshake();
            assertThat(HttpTransports.post(hub(), token, PING)).isEqualTo(405);
            assertThat(ws.invoke("JoinRoom", "ws-then-post").has("error")).as("the WebSocket is unharmed").isFalse();
        }
    }

    @Test
    void deleteOnAnSseConnectionIs400() throws Exception {
        try (Sse sse = Sse.connect(hub(), hub())) {
            assertThat(HttpTransports.delete(hub(), sse.token)).isEqualTo(400);
            assertThat(sse.post(PING)).as("the connection is unharmed").isEqualTo(200);
        }
    }

    // ---- Long Polling: DELETE, a newer poll ----

    @Test
    void deleteEndsALongPollingConnectionOnce() throws Exception {
        LongPolling lp = LongPolling.open(hub(), JSON_HANDSHAKE);
        CompletableFuture<HttpResponse<byte[]>> pending = lp.poll();
        assertThat(HttpTransports.delete(hub(), lp.token)).isEqualTo(202);
        // answered 204 whether it was waiting or reached the server just after the DELETE
        assertThat(pending.get(10, TimeUnit.SECONDS).statusCode()).as("the pending poll").isEqualTo(204);
        assertThat(HttpTransports.delete(hub(), lp.token)).as("a second DELETE").isEqualTo(404);
        assertThat(HttpTransports.pollNow(hub(), lp.token).statusCode()).as("a poll after the DELETE").isIn(204, 404);
    }


    @Test
    void aNewerPollReplacesTheOlderWhichAnswers204() throws Exception {
        LongPolling lp = LongPolling.open(hub(), JSON_HANDSHAKE);
        CompletableFuture<HttpResponse<byte[]>> one = lp.poll();
        CompletableFuture<HttpResponse<byte[]>> two = lp.poll();
        // whichever of the two reaches the server first is the older one: it is answered 204 at once
        CompletableFuture.anyOf(one, two).get(10, TimeUnit.SECONDS);
        CompletableFuture<HttpResponse<byte[]>> older = one.isDone() ? one : two;
        CompletableFuture<HttpResponse<byte[]>> newer = older == one ? two : one;
        assertThat(older.get().statusCode()).as("the older poll").isEqualTo(204);
        assertThat(lp.post(HubTestClient.invocation("9", "GetHistory", "lp-newer-" + UUID.randomUUID(), 1))).isEqualTo(200);
        HttpResponse<byte[]> answer = newer.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as("the newer poll").isEqualTo(200);
        List<JsonNode> records = HttpTransports.records(answer.body());
        assertThat(records).anySatisfy(record -> {
            assertThat(record.path("type").asInt()).isEqualTo(3);
            assertThat(record.has("error")).isFalse();
        });
    }

    // ---- sizes and bad records ----

    @Test
    void aPostOverTheSizeLimitIs413() throws Exception {
        LongPolling lp = LongPolling.open(hub(), JSON_HANDSHAKE);
        byte[] body = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        assertThat(HttpTransports.postWhileReading(HttpTransports.url(hub(), lp.token), body)).isEqualTo(413);
    }

    @Test
    void malformedMessagePackOverLongPollingClosesWithAnError() throws Exception {
        LongPolling lp = LongPolling.open(hub(), MESSAGEPACK_HANDSHAKE);
        // 0xC1 is never used in MessagePack
        assertThat(HttpTransports.post(hub(), lp.token, HttpTransports.lengthPrefixed((byte) 0xc1, (byte) 0xc1))).isEqualTo(200);
        assertClosedWithErrorOnNextPoll(lp, "");
    }

    @Test
    void aMessagePackRecordOverTheMessageLimitClosesWithAnError() throws Exception {
        LongPolling lp = LongPolling.open(hub(), MESSAGEPACK_HANDSHAKE);
        // [1, {}, "1", "SendMessage", ["r", "u", <40000 x>], []]: well formed, only too large
        java.io.ByteArrayOutputStream invocation = new java.io.ByteArrayOutputStream();
        invocation.write(new byte[] { (byte) 0x96, 0x01, (byte) 0x80, (byte) 0xa1, '1', (byte) 0xab });
        invocation.writeBytes("SendMessage".getBytes(StandardCharsets.US_ASCII));
        invocation.write(new byte[] { (byte) 0x93, (byte) 0xa1, 'r', (byte) 0xa1, 'u', (byte) 0xda, (byte) (40_000 >> 8), (byte) (40_000 & 0xff) });
        invocation.writeBytes("x".repeat(40_000).getBytes(StandardCharsets.US_ASCII));
        invocation.write(0x90);
        assertThat(HttpTransports.post(hub(), lp.token, HttpTransports.lengthPrefixed(invocation.toByteArray()))).isEqualTo(200);
        assertClosedWithErrorOnNextPoll(lp, "maximum message size");
    }

    private static void assertClosedWithErrorOnNextPoll(LongPolling lp, String error) throws Exception {
        HttpResponse<byte[]> answer = lp.poll().get(15, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as("the poll after the bad record").isEqualTo(200);
        List<io.rtc.common.signalr.HubMessage> messages = HttpTransports.messagePackMessages(answer.body());
        assertThat(messages).as("the poll's messages").hasSize(1).first().isInstanceOf(io.rtc.common.signalr.Close.class);
        assertThat(((io.rtc.common.signalr.Close) messages.get(0)).error()).isNotBlank().contains(error);
        assertThat(HttpTransports.pollNow(lp.hubUrl, lp.token).statusCode()).as("a poll after the Close").isIn(204, 404);
    }

    @Test
    void malformedJsonOverSseClosesTheStreamWithAnError() throws Exception {
        try (Sse sse = Sse.connect(hub(), hub())) {
            assertThat(sse.post("{\"type\":1,\"target\":" + RS)).isEqualTo(200);
            JsonNode close = sse.next();
            assertThat(close.path("type").asInt()).isEqualTo(7);
            assertThat(close.path("error").asText()).contains("not valid JSON");
            assertThat(close.has("allowReconnect")).isFalse();
            assertThat(sse.awaitEnd(Duration.ofSeconds(10))).as("the stream ends").isTrue();
        }
    }

    @Test
    void aJsonRecordOverTheMessageLimitOverLongPollingClosesWithAnError() throws Exception {
        LongPolling lp = LongPolling.open(hub(), JSON_HANDSHAKE);
        assertThat(lp.post(HubTestClient.invocation("1", "SendMessage", "r", "u", "x".repeat(40_000)))).isEqualTo(200);
        JsonNode close = lp.next().get(0);
        assertThat(close.path("type").asInt()).as("%s", close).isEqualTo(7);
        assertThat(close.path("error").asText()).contains("maximum message size of 32768B");
    }
}
