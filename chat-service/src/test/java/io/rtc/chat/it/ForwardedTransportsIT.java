package io.rtc.chat.it;

import static io.rtc.chat.support.HttpTransports.JSON_HANDSHAKE;
import static io.rtc.chat.support.HttpTransports.PING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.rtc.chat.support.ChatCluster;
import io.rtc.chat.support.HttpTransports;
import io.rtc.chat.support.HttpTransports.LongPolling;
import io.rtc.chat.support.HttpTransports.SlowPost;
import io.rtc.chat.support.HttpTransports.Sse;
import io.rtc.chat.support.HubTestClient;

/**
 * No sticky sessions: requests for a Server-Sent Events or Long Polling connection that reach the instance that
 * does not hold it ({@code two}, forwarding through Redis to {@code one}) are answered as the holder would: POSTs
 * delivered, forged ids 404, a second concurrent POST 409, DELETE 202 then 404, polls served on either instance.
 * And the Long Polling timers ({@code CHAT_LONG_POLLING_POLL_TIMEOUT} 3 s, {@code CHAT_LONG_POLLING_DISCONNECT_TIMEOUT}
 * 3 s here): a poll with nothing to carry ends empty, a connection nobody polls is gone (its rooms are told) and
 * its id is 404 on both instances.
 */
class ForwardedTransportsIT {

    private static ChatCluster cluster;
    private static String one;
    private static String two;

    @BeforeAll
    static void start() throws Exception {
        cluster = ChatCluster.start(2, Map.of("CHAT_LONG_POLLING_POLL_TIMEOUT", "3s", "CHAT_LONG_POLLING_DISCONNECT_TIMEOUT", "3s"));
        one = cluster.instance(0).hubUrl();
        two = cluster.instance(1).hubUrl();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void postsOnTheOtherInstanceReachTheSseStream() throws Exception {
        try (Sse sse = Sse.connect(one, two)) { // stream on one, handshake POSTed to two
            String room = "forwarded-" + UUID.randomUUID();
            assertThat(HttpTransports.post(two, sse.token, HubTestClient.invocation("1", "JoinRoom", room))).isEqualTo(200);
            assertThat(HttpTransports.post(two, sse.token, HubTestClient.invocation("2", "SendMessage", room, "u", "via two"))).isEqualTo(200);
            List<JsonNode> records = List.of(sse.next(), sse.next(), sse.next(), sse.next());
            assertThat(records).anyMatch(r -> r.path("type").asInt() == 3 && "2".equals(r.path("invocationId").asText()) && !r.has("error"));
            assertThat(records).anyMatch(r -> r.path("type").asInt() == 1 && "via two".equals(r.path("arguments").get(1).asText()));
        }
    }

    @Test
    void forgedAndUnknownIdsAre404OnTheOtherInstanceToo() throws Exception {
        try (Sse sse = Sse.connect(one, one)) {
            for (String id : List.of(HttpTransports.forged(sse.token), "not-a-token")) {
                assertThat(HttpTransports.post(two, id, PING)).as("POST %s on two", id).isEqualTo(404);
                assertThat(HttpTransports.delete(two, id)).as("DELETE %s on two", id).isEqualTo(404);
                assertThat(HttpTransports.send("GET", HttpTransports.url(two, id), null, Map.of()).statusCode()).as("poll %s on two", id).isEqualTo(404);
            }
            assertThat(HttpTransports.post(two, sse.token, PING)).as("the real id, on two").isEqualTo(200);
        }
    }

    @Test
    void aSecondPostOnTheOtherInstanceWhileTheFirstIsBeingReadIs409() throws Exception {
        try (Sse sse = Sse.connect(one, one)) {
            try (SlowPost slow = SlowPost.start(HttpTransports.url(one, sse.token), PING.getBytes(StandardCharsets.UTF_8), 3)) {
                // the slow POST's head may still be on its way to one: a Ping forwarded before it arrived is harmless
                org.awaitility.Awaitility.await("a POST on two while one reads another is refused")
                        .atMost(java.time.Duration.ofSeconds(10)).until(() -> HttpTransports.post(two, sse.token, PING) == 409);
                assertThat(slow.finish()).isEqualTo(200);
            }
            assertThat(HttpTransports.post(two, sse.token, PING)).as("then it may").isEqualTo(200);
        }
    }

    @Test
    void deleteOnTheOtherInstanceEndsTheLongPollingConnection() throws Exception {
        LongPolling lp = LongPolling.open(one, two, JSON_HANDSHAKE);
        CompletableFuture<HttpResponse<byte[]>> pending = HttpTransports.poll(one, lp.token);
        assertThat(HttpTransports.delete(two, lp.token)).as("DELETE on two").isEqualTo(202);
        assertThat(pending.get(10, TimeUnit.SECONDS).statusCode()).as("the poll pending on one").isEqualTo(204);
        assertThat(HttpTransports.delete(one, lp.token)).as("a second DELETE, on one").isEqualTo(404);
    }

    @Test
    void pollsOnEitherInstanceCarryTheRoomAndAnIdlePollEndsEmpty() throws Exception {
        String room = "lp-both-" + UUID.randomUUID();
        try (HubTestClient member = HubTestClient.connect(two)) {
            LongPolling lp = inRoomWith(member, room);
            long start = System.nanoTime();
            HttpResponse<byte[]> idle = HttpTransports.pollNow(two, lp.token);
            while (idle.body().length > 0) { // what the join left to carry (its notice)
                start = System.nanoTime();
                idle = HttpTransports.pollNow(two, lp.token);
            }
            assertThat(idle.statusCode()).as("a poll with nothing to carry").isEqualTo(200);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("it waited for the poll timeout").isGreaterThanOrEqualTo(2_500);
            member.invoke("SendMessage", room, "m", "to the poller");
            List<JsonNode> got = LongPolling.attach(one, lp.token).next();
            assertThat(got).anyMatch(r -> r.path("type").asInt() == 1 && "to the poller".equals(r.path("arguments").get(1).asText()));
        }
    }

    @Test
    void aConnectionNobodyPollsIsGoneAfterTheDisconnectTimeout() throws Exception {
        String room = "lp-idle-" + UUID.randomUUID();
        try (HubTestClient member = HubTestClient.connect(two)) {
            LongPolling lp = inRoomWith(member, room);
            // no more polls: the member is told once the disconnect timeout (3 s) is over
            String notice;
            do {
                notice = member.nextMessage();
            } while (!notice.endsWith(" has left the room " + room));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(HttpTransports.pollNow(one, lp.token).statusCode()).as("a poll on one").isEqualTo(404);
                assertThat(HttpTransports.pollNow(two, lp.token).statusCode()).as("a poll on two").isEqualTo(404);
                assertThat(HttpTransports.post(two, lp.token, PING)).as("a POST on two").isEqualTo(404);
            });
        }
    }

    /**
     * A Long Polling connection negotiated and first polled on one, its handshake and JoinRoom POSTed to two, the
     * JoinRoom's completion polled on one; {@code member} joins the room first.
     */
    private static LongPolling inRoomWith(HubTestClient member, String room) throws Exception {
        LongPolling lp = LongPolling.open(one, two, JSON_HANDSHAKE);
        member.invoke("JoinRoom", room);
        assertThat(HttpTransports.post(two, lp.token, HubTestClient.invocation("1", "JoinRoom", room))).isEqualTo(200);
        assertThat(LongPolling.attach(one, lp.token).completion("1").has("error")).as("JoinRoom over Long Polling").isFalse();
        return lp;
    }
}
