package io.rtc.chat.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.chat.support.HubTestClient;
import io.rtc.chat.support.LogsQueue;
import io.rtc.chat.support.LogsQueue.Event;

/**
 * The hub's events on the shared RabbitMQ, as a consumer of the fanout exchange {@code logs} sees
 * them: a queue of the test's own bound to it, a real hub client joining, sending, leaving and
 * disconnecting.
 */
@QuarkusTest
class ChatEventsTest {

    private static final int SHARED_RABBIT = 5672;
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL base;

    @Test
    void joinSendLeaveAndDisconnectArePublished() throws Exception {
        String room = "events-" + UUID.randomUUID();
        String other = room + "-2";
        try (LogsQueue logs = LogsQueue.exclusive(SHARED_RABBIT)) {
            String hub = base + "chatHub";
            JsonNode negotiation = HubTestClient.negotiate(hub);
            String connectionId = negotiation.get("connectionId").asText();
            try (HubTestClient client = HubTestClient.open(hub + "?id=" + negotiation.get("connectionToken").asText())) {
                client.handshake();
                assertNoError(client.invoke("JoinRoom", room));
                assertNoError(client.invoke("SendMessage", room, "alice", "hello"));
                assertNoError(client.invoke("LeaveRoom", room));
                assertNoError(client.invoke("JoinRoom", other));
            } // the disconnect leaves `other`

            List<Event> events = logs.await(LogsQueue.ofConnection(connectionId), 5, WITHIN);
            assertThat(events).extracting(e -> e.type() + " " + e.json().get("room").asText() + " " + e.json().get("user"))
                    .containsExactly(
                            "room.joined " + room + " null", // the hub learns a user name from SendMessage only
                            "message.sent " + room + " \"alice\"",
                            "room.left " + room + " \"alice\"",
                            "room.joined " + other + " \"alice\"",
                            "room.left " + other + " \"alice\"");
            events.forEach(ChatEventsTest::assertWellFormed);
            assertThat(events).extracting(e -> e.properties().getMessageId()).doesNotHaveDuplicates();
        }
    }

    @Test
    void anAdminBroadcastIsAMessageFromNoConnection() throws Exception {
        String room = "events-admin-" + UUID.randomUUID();
        try (LogsQueue logs = LogsQueue.exclusive(SHARED_RABBIT)) {
            given().baseUri(base.toString()).header("Authorization", "Bearer test-admin-token").contentType("application/json")
                    .body("{\"user\":\"ops\",\"message\":\"maintenance at noon\"}")
                    .post("/api/rooms/{room}/messages", room).then().statusCode(202);

            Event sent = logs.await(e -> e.json() != null && room.equals(e.json().path("room").asText()), 1, WITHIN).get(0);
            assertWellFormed(sent);
            assertThat(sent.type()).isEqualTo("message.sent");
            assertThat(sent.json().get("user").asText()).isEqualTo("ops");
            assertThat(sent.json().get("connectionId").isNull()).as("connectionId present, null: %s", sent.body()).isTrue();
        }
    }

    @Test
    void readinessDoesNotWaitForRabbitMQ() {
        String ready = given().baseUri(base.toString()).get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(ready).as("the events channel is not a readiness check").doesNotContain("\"events\"");
        assertThat(metric("chat_events_published_total")).isGreaterThanOrEqualTo(0);
        assertThat(metric("chat_events_dropped_total")).isZero();
    }

    private static void assertWellFormed(Event event) {
        assertThat(event.properties().getContentType()).isEqualTo("application/json");
        assertThat(event.properties().getDeliveryMode()).as("persistent").isEqualTo(2);
        assertThat(event.properties().getMessageId()).isNotBlank().isEqualTo(event.json().get("id").asText());
        assertThat(UUID.fromString(event.properties().getMessageId())).isNotNull();
        assertThat(event.properties().getTimestamp()).isNotNull();
        assertThat(event.properties().getAppId()).isEqualTo("chat-service");
        JsonNode json = event.json();
        assertThat(json.get("source").asText()).isEqualTo("chat-service");
        assertThat(event.properties().getType()).isEqualTo(json.get("type").asText());
        String timestamp = json.get("timestamp").asText();
        assertThat(timestamp).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(timestamp)).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(json.has("room") && json.has("user") && json.has("connectionId")).as(event.body()).isTrue();
    }

    private static void assertNoError(JsonNode completion) {
        assertThat(completion.has("error")).as("completion %s", completion).isFalse();
    }

    private double metric(String name) {
        String text = given().baseUri(base.toString()).get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
