package io.rtc.chat.endpoint;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.chat.support.HttpTransports;
import io.rtc.chat.support.HubTestClient;

/** A member that stops reading is dropped once its send buffer is full; the room goes on without it. */
@QuarkusTest
class SlowReaderTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aStalledMemberIsDroppedAndTheOthersGetEveryMessage() throws Exception {
        String room = "slow-" + UUID.randomUUID();
        String text = "x".repeat(30_000);
        double droppedBefore = droppedSlow();
        try (HubTestClient stalled = HubTestClient.connect(base + "chatHub");
                HubTestClient reader = HubTestClient.connect(base + "chatHub");
                HubTestClient sender = HubTestClient.connect(base + "chatHub")) {
            stalled.invoke("JoinRoom", room);
            reader.invoke("JoinRoom", room);
            sender.invoke("JoinRoom", room);
            assertThat(reader.nextMessage()).contains("has joined");
            assertThat(reader.nextMessage()).contains("has joined");
            stalled.stopReading();
            int sent = 0;
            boolean leftNoticeSeen = false;
            while (!leftNoticeSeen && sent < 2_000) {
                assertThat(sender.invoke("SendMessage", room, "flood", text).has("error")).isFalse();
                sent++;
                String received = reader.nextMessage();
                if (received.startsWith("System: ")) {
                    assertThat(received).endsWith(" has left the room " + room);
                    leftNoticeSeen = true;
                    received = reader.nextMessage();
                }
                assertThat(received.equals("flood: " + text)).as("message %d arrived whole", sent).isTrue();
            }
            assertThat(leftNoticeSeen).as("the stalled member was dropped").isTrue();
            // its 1 MiB send buffer plus what the kernel holds: well over a few messages, far under the flood
            assertThat(sent).isBetween(20, 1_999);
            assertThat(members(room)).isEqualTo(2);
            assertThat(sender.invoke("SendMessage", room, "flood", "still here").has("error")).isFalse();
            assertThat(reader.nextMessage()).isEqualTo("flood: still here");
            // one client dropped is counted once, however many sends found its buffer full
            assertThat(droppedSlow() - droppedBefore).isEqualTo(1.0);
        }
    }

    @Test
    void aStalledServerSentEventsReaderIsDroppedLikeAWebSocketOne() throws Exception {
        String room = "slow-sse-" + UUID.randomUUID();
        String text = "y".repeat(30_000);
        String hub = base + "chatHub";
        String token = HttpTransports.token(hub);
        URI uri = URI.create(HttpTransports.url(hub, token));
        try (Socket stalled = new Socket();
                HubTestClient reader = HubTestClient.connect(hub);
                HubTestClient sender = HubTestClient.connect(hub)) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            stalled.getOutputStream().write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // the stream is open once a POST is taken; then the stalled reader joins and never reads again
            await().atMost(Duration.ofSeconds(10)).until(() -> HttpTransports.post(hub, token, HttpTransports.JSON_HANDSHAKE) == 200);
            assertThat(HttpTransports.post(hub, token, HubTestClient.invocation("1", "JoinRoom", room))).isEqualTo(200);
            reader.invoke("JoinRoom", room);
            await().atMost(Duration.ofSeconds(10)).until(() -> members(room) == 2);
            sender.invoke("JoinRoom", room);
            int sent = 0;
            boolean leftNoticeSeen = false;
            while (!leftNoticeSeen && sent < 2_000) {
                assertThat(sender.invoke("SendMessage", room, "flood", text).has("error")).isFalse();
                sent++;
                for (String received = reader.nextMessage(); !received.startsWith("flood: "); received = reader.nextMessage()) {
                    leftNoticeSeen |= received.endsWith(" has left the room " + room);
                }
            }
            assertThat(leftNoticeSeen).as("the stalled SSE reader was dropped").isTrue();
            assertThat(sent).isBetween(20, 1_999);
            assertThat(members(room)).isEqualTo(2);
        }
    }

    private double droppedSlow() {
        String metrics = given().baseUri(base.toString()).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("chat_clients_dropped_slow_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private int members(String room) {
        return given().baseUri(base.toString()).header("Authorization", "Bearer test-admin-token")
                .get("/api/rooms/{room}/members", room).then().statusCode(200).extract().jsonPath().getList("$").size();
    }
}
