package io.rtc.fanout.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.rtc.fanout.support.Http;
import io.rtc.fanout.support.TailClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * POST /api/logs, the live tail and GET /api/logs against the real RabbitMQ. Runs again on the
 * packaged jar as {@code FanoutApiIT}; only HTTP, WebSocket and AMQP, so both share the bodies.
 */
@QuarkusTest
public class FanoutApiTest {

    static {
        // RestAssured would add "; charset=ISO-8859-1" to every text/plain body
        RestAssured.config = RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    static final Duration WAIT = Duration.ofSeconds(20);

    static String base() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    static String publish(String contentType, String body) {
        return given().contentType(contentType).body(body).post("/api/logs")
                .then().statusCode(202).extract().path("id");
    }

    static long archivedCount(String id) throws Exception {
        JsonArray entries = Http.archive(base(), 5000);
        return entries.stream().map(JsonObject.class::cast).filter(e -> id.equals(e.getString("id"))).count();
    }

    @Test
    void aPublishedMessageIsConfirmedThenTailedAndArchived() throws Exception {
        try (TailClient tail = TailClient.connectLive(base())) {
            String body = "hello " + UUID.randomUUID();
            Instant before = Instant.now().minusSeconds(1);
            String id = publish("text/plain", body);
            assertThat(id).matches("[0-9a-f-]{36}");

            await().atMost(WAIT).until(() -> tail.countId(id) == 1);
            JsonObject frame = tail.frames.stream().filter(f -> id.equals(f.getString("id"))).findFirst().orElseThrow();
            assertThat(frame.fieldNames()).containsExactlyInAnyOrder("id", "timestamp", "contentType", "body");
            assertThat(frame.getString("body")).isEqualTo(body);
            assertThat(frame.getString("contentType")).isEqualTo("text/plain");
            assertThat(Instant.parse(frame.getString("timestamp"))).isAfter(before).isBefore(Instant.now().plusSeconds(1));

            await().atMost(WAIT).until(() -> archivedCount(id) == 1);
        }
    }

    @Test
    void jsonKeepsItsTypeAndText() throws Exception {
        String json = "{\"level\":\"info\",\"n\":" + System.nanoTime() + "}";
        String id = publish("application/json; charset=utf-8", json);
        await().atMost(WAIT).until(() -> archivedCount(id) == 1);
        JsonObject entry = Http.archive(base(), 5000).stream().map(JsonObject.class::cast)
                .filter(e -> id.equals(e.getString("id"))).findFirst().orElseThrow();
        assertThat(entry.getString("contentType")).isEqualTo("application/json");
        assertThat(entry.getString("body")).isEqualTo(json);
        assertThat(Instant.parse(entry.getString("archivedAt"))).isAfterOrEqualTo(Instant.parse(entry.getString("timestamp")));
    }

    @Test
    void aRetriedMessageIdIsArchivedOnce() throws Exception {
        String id = "retry-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            given().contentType("text/plain").header("Message-Id", id).body("same message").post("/api/logs")
                    .then().statusCode(202).body("id", org.hamcrest.Matchers.equalTo(id));
        }
        // a later message archived means the three copies before it were handled too
        String marker = publish("text/plain", "marker");
        await().atMost(WAIT).until(() -> archivedCount(marker) == 1);
        assertThat(archivedCount(id)).isEqualTo(1);
    }

    @Test
    void badRequestsGetClearErrors() {
        given().contentType("application/xml").body("<a/>").post("/api/logs")
                .then().statusCode(415).body("error", containsString("text/plain or application/json"));
        assertThat(Http.post(base(), "text/plain; charset=x-no-such-charset", new byte[] { 'x' })).isEqualTo(415);
        assertThat(Http.post(base(), "application/octet-stream", new byte[] { 'x' })).isEqualTo(415);
        given().contentType("text/plain").body("a".repeat(65537)).post("/api/logs")
                .then().statusCode(413).body("error", containsString("65536"));
        given().contentType("text/plain").body("").post("/api/logs").then().statusCode(400).body("error", containsString("empty"));
        given().contentType("application/json").body("{\"a\":").post("/api/logs").then().statusCode(400).body("error", containsString("JSON"));
        given().contentType("text/plain").header("Message-Id", "has space").body("x").post("/api/logs")
                .then().statusCode(400).body("error", containsString("Message-Id"));
        given().contentType("text/plain").body(new byte[] { 'a', (byte) 0xC3, 0x28 }).post("/api/logs")
                .then().statusCode(400).body("error", containsString("UTF-8"));
    }

    @Test
    void textInAnotherCharsetIsStoredAsUtf8() throws Exception {
        String id = given().contentType("text/plain; charset=ISO-8859-1").body(new byte[] { 'c', 'a', 'f', (byte) 0xE9 })
                .post("/api/logs").then().statusCode(202).extract().path("id");
        await().atMost(WAIT).until(() -> archivedCount(id) == 1);
        JsonObject entry = Http.archive(base(), 5000).stream().map(JsonObject.class::cast)
                .filter(e -> id.equals(e.getString("id"))).findFirst().orElseThrow();
        assertThat(entry.getString("body")).isEqualTo("caf\u00e9");
    }

    @Test
    void sixtyFourKibibytesIsAccepted() throws Exception {
        String body = "b".repeat(65536);
        String id = publish("text/plain", body);
        await().atMost(WAIT).until(() -> archivedCount(id) == 1);
    }

    @Test
    void theNewestEntriesComeOldestFirst() throws Exception {
        String first = publish("text/plain", "first");
        String second = publish("text/plain", "second");
        await().atMost(WAIT).until(() -> archivedCount(second) == 1 && archivedCount(first) == 1);
        // nothing else publishes during this test class, but other services' events may: look at ours
        JsonArray newest = Http.archive(base(), 50);
        int a = indexOf(newest, first);
        int b = indexOf(newest, second);
        assertThat(a).isGreaterThanOrEqualTo(0).isLessThan(b);
        assertThat(Http.archive(base(), 1)).hasSize(1);

        given().get("/api/logs?limit=0").then().statusCode(400).body("error", containsString("limit"));
        given().get("/api/logs?limit=abc").then().statusCode(400);
        given().get("/api/logs?limit=100001").then().statusCode(400);
    }

    private static int indexOf(JsonArray entries, String id) {
        for (int i = 0; i < entries.size(); i++) {
            if (id.equals(entries.getJsonObject(i).getString("id"))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theTailIsAWebSocketOnly() {
        given().get("/logs/stream").then().statusCode(400).body(containsString("WebSocket"));
    }

    @Test
    void healthAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("rabbitmq"));
        given().get("/q/health/live").then().statusCode(200);
        publish("text/plain", "counted");
        given().get("/q/metrics").then().statusCode(200).body(containsString("fanout_messages_published_total"),
                containsString("fanout_tail_connections_open"), containsString("fanout_archive_messages_written_total"),
                containsString("fanout_archive_dead_lettered_total"));
    }

}
