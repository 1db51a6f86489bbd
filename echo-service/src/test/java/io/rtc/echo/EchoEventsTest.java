package io.rtc.echo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.echo.support.JdkWebSocket;
import io.rtc.echo.support.LogsQueue;
import io.rtc.echo.support.LogsQueue.Event;
import io.rtc.echo.support.Metrics;
import io.rtc.echo.support.Urls;

/**
 * Connection events on the shared RabbitMQ, as a consumer of the fanout exchange {@code logs} sees
 * them: a queue of the test's own bound to it, and a real WebSocket client opening and closing.
 */
@QuarkusTest
class EchoEventsTest {

    private static final int SHARED_RABBIT = 5672;
    private static final Duration WITHIN = Duration.ofSeconds(10);
    /** A close code of the private range, so this test finds its own connection among others'. */
    private static final int CLOSE_CODE = 4000 + (int) (Math.random() * 999);

    @TestHTTPResource("/")
    URI http;

    @Test
    void openAndCloseArePublished() throws Exception {
        try (LogsQueue logs = LogsQueue.exclusive(SHARED_RABBIT)) {
            JdkWebSocket ws = JdkWebSocket.connect(Urls.ws(http, "/echo"));
            assertThat(ws.sendAndReceiveText("hi")).isEqualTo("Server Response: hi");
            ws.socket().sendClose(CLOSE_CODE, "events test").join();
            ws.closeCode().get(5, TimeUnit.SECONDS);

            Event closed = logs.await(e -> e.json() != null && "echo-service".equals(e.json().path("source").asText())
                    && "connection.closed".equals(e.type()) && e.json().path("closeCode").asInt() == CLOSE_CODE, 1, WITHIN).get(0);
            String connectionId = closed.json().get("connectionId").asText();
            List<Event> events = logs.await(LogsQueue.ofConnection(connectionId), 2, WITHIN);

            assertThat(events).extracting(Event::type).containsExactly("connection.opened", "connection.closed");
            events.forEach(EchoEventsTest::assertWellFormed);
            assertThat(events.get(0).json().has("closeCode")).as(events.get(0).body()).isFalse();
            assertThat(events).extracting(e -> e.properties().getMessageId()).doesNotHaveDuplicates();
        }
    }

    @Test
    void readinessDoesNotWaitForRabbitMQ() {
        String ready = given().baseUri(http.toString()).get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(ready).as("the events channel is not a readiness check").doesNotContain("\"events\"");
        assertThat(Metrics.value(http, "echo_events_dropped_total")).isZero();
    }

    private static void assertWellFormed(Event event) {
        assertThat(event.properties().getContentType()).isEqualTo("application/json");
        assertThat(event.properties().getDeliveryMode()).as("persistent").isEqualTo(2);
        assertThat(event.properties().getMessageId()).isNotBlank().isEqualTo(event.json().get("id").asText());
        assertThat(UUID.fromString(event.properties().getMessageId())).isNotNull();
        assertThat(event.properties().getTimestamp()).isNotNull();
        assertThat(event.properties().getAppId()).isEqualTo("echo-service");
        JsonNode json = event.json();
        assertThat(event.properties().getType()).isEqualTo(json.get("type").asText());
        String timestamp = json.get("timestamp").asText();
        assertThat(timestamp).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(timestamp)).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(json.get("connectionId").asText()).isNotBlank();
    }
}
