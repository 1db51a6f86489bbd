package io.rtc.fanout.api;

import static io.restassured.RestAssured.given;
import static io.rtc.fanout.api.FanoutApiTest.WAIT;
import static io.rtc.fanout.api.FanoutApiTest.base;
import static io.rtc.fanout.support.Tokens.ADMIN;
import static io.rtc.fanout.support.Tokens.PUBLISHER;
import static io.rtc.fanout.support.Tokens.SUBSCRIBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.rtc.fanout.support.Amqp;
import io.rtc.fanout.support.Http;
import io.rtc.fanout.support.TailClient;
import io.rtc.fanout.support.Tokens;
import io.vertx.core.json.JsonObject;

/**
 * fanout-service with {@code fanout.auth.required=true}, as production runs it: who may publish, read the archive,
 * tail and administer, what a refused client is told, that the publisher is named in the message (never its
 * token), the per-address limits of the tail behind a trusted proxy, and that every refusal is counted. Runs
 * again on the packaged jar as {@code FanoutAuthIT}.
 */
@QuarkusTest
@TestProfile(FanoutAuthTest.RequiredAuth.class)
public class FanoutAuthTest {

    /**
     * Tokens required; the proxy 127.0.0.1 trusted, so each test can speak for client addresses of its own;
     * small limits per address (5 connections; 10 at once, then 2 a second).
     */
    public static class RequiredAuth implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanout.auth.required", "true",
                    "fanout.limits.trusted-proxies", "127.0.0.1",
                    "fanout.limits.connections-per-address", "5",
                    "fanout.limits.connect-burst", "10",
                    "fanout.limits.connect-rate", "2");
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PUBLISHER_TOKEN = Tokens.of("alice", PUBLISHER);
    private static final String SUBSCRIBER_TOKEN = Tokens.of("bob", SUBSCRIBER);

    private static Response post(String token, String messageId, String body) {
        var request = given().contentType("text/plain").body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (messageId != null) {
            request.header("Message-Id", messageId);
        }
        return request.post("/api/logs");
    }

    private static JsonObject archived(String id) throws Exception {
        return Http.archive(base(), 5000, SUBSCRIBER_TOKEN).stream().map(JsonObject.class::cast)
                .filter(e -> id.equals(e.getString("id"))).findFirst().orElse(null);
    }

    /** {@code fanout_refused_total{reason}} now. */
    static double refused(String reason) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("^fanout_refused_total\\{reason=\"" + reason + "\"} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(value.find()).as("fanout_refused_total{reason=%s} on /q/metrics", reason).isTrue();
        return Double.parseDouble(value.group(1));
    }

    @Test
    void publishingWithoutATokenIsRefusedWithAChallenge() {
        post(null, null, "anonymous").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/json").body("error", containsString("bearer token is required"));
    }

    @Test
    void badTokensAreRefusedWithTheirReasonAndPublishNothing() throws Exception {
        String refusedId = "refused-" + UUID.randomUUID();
        Map<String, String> tokens = Map.of(
                "expired", Tokens.expired("alice", PUBLISHER),
                "wrong issuer", Tokens.sign(Tokens.claims("alice", PUBLISHER).issuer("https://elsewhere.test")),
                "wrong audience", Tokens.sign(Tokens.claims("alice", PUBLISHER).audience("another-service")),
                "bad signature", Tokens.sign(Tokens.claims("alice", PUBLISHER), "another-secret-also-at-least-32-bytes-long"),
                "", "not-a-jwt");
        tokens.forEach((reason, token) -> {
            String answer = post(token, refusedId, "must not be published").then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""))
                    .body("error", containsString(reason)).extract().asString();
            assertThat(answer).as("the error body").doesNotContain(token);
        });
        String marker = post(PUBLISHER_TOKEN, null, "after the refused ones").then().statusCode(202).extract().path("id");
        await().atMost(WAIT).until(() -> archived(marker) != null);
        assertThat(archived(refusedId)).as("a refused publish in the archive").isNull();
    }

    @Test
    void aTokenWithoutThePublisherRoleIsForbidden() {
        post(SUBSCRIBER_TOKEN, null, "from a reader").then().statusCode(403).contentType("application/json")
                .body("error", containsString("logs-publisher"));
    }

    @Test
    void thePublisherIsNamedInTheAmqpMessageTheTailAndTheArchive() throws Exception {
        try (Amqp amqp = Amqp.shared(); TailClient tail = TailClient.connectLive(base(), SUBSCRIBER_TOKEN, PUBLISHER_TOKEN)) {
            Channel channel = amqp.channel();
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "logs", "");
            BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
            channel.basicConsume(queue, true, (tag, delivery) -> deliveries.add(delivery), tag -> {
            });
            String id = post(PUBLISHER_TOKEN, null, "signed " + UUID.randomUUID()).then().statusCode(202).extract().path("id");

            Delivery delivery;
            do {
                delivery = deliveries.poll(20, TimeUnit.SECONDS);
                assertThat(delivery).as("message %s on the consumer's queue", id).isNotNull();
            } while (!id.equals(delivery.getProperties().getMessageId()));
            assertThat(delivery.getProperties().getHeaders().get("x-user-id")).hasToString("alice");
            assertThat(delivery.getProperties().getUserId()).as("AMQP user-id (RabbitMQ checks it against the connection)").isNull();
            assertThat(delivery.getProperties().toString() + new String(delivery.getBody(), StandardCharsets.UTF_8))
                    .doesNotContain(PUBLISHER_TOKEN);

            await().atMost(WAIT).until(() -> tail.countId(id) == 1);
            assertThat(tail.frames.stream().filter(f -> id.equals(f.getString("id"))).findFirst().orElseThrow()
                    .getString("publisher")).isEqualTo("alice");
            await().atMost(WAIT).until(() -> archived(id) != null);
            assertThat(archived(id).getString("publisher")).isEqualTo("alice");
        }
    }

    @Test
    void readingTheArchiveNeedsTheSubscriberRole() {
        given().get("/api/logs?limit=1").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer " + PUBLISHER_TOKEN).get("/api/logs?limit=1").then().statusCode(403)
                .body("error", containsString("logs-subscriber"));
        given().header("Authorization", "Bearer " + SUBSCRIBER_TOKEN).get("/api/logs?limit=1").then().statusCode(200);
        // the token in the query works where a browser cannot set headers
        given().get("/api/logs?limit=1&access_token=" + SUBSCRIBER_TOKEN).then().statusCode(200);
    }

    @Test
    void theLiveTailNeedsTheSubscriberRoleBeforeTheUpgrade() throws Exception {
        HttpResponse<?> anonymous = TailClient.refusal(HTTP, TailClient.streamUri(base(), null));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        HttpResponse<?> expired = TailClient.refusal(HTTP, TailClient.streamUri(base(), Tokens.expired("bob", SUBSCRIBER)));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token", "expired");
        assertThat(TailClient.refusal(HTTP, TailClient.streamUri(base(), PUBLISHER_TOKEN)).statusCode()).isEqualTo(403);
        // the header works as well as the query parameter
        assertThat(TailClient.refusal(HTTP, TailClient.streamUri(base(), null), "Authorization", "Bearer " + SUBSCRIBER_TOKEN)).isNull();
        try (TailClient tail = TailClient.connectLive(base(), SUBSCRIBER_TOKEN, PUBLISHER_TOKEN)) {
            assertThat(tail.frames).isNotEmpty();
        }
    }

    @Test
    void theAdminRolePassesEveryCheck() throws Exception {
        String admin = Tokens.of("root", ADMIN);
        String id = post(admin, null, "from the admin").then().statusCode(202).extract().path("id");
        given().header("Authorization", "Bearer " + admin).get("/api/logs?limit=1").then().statusCode(200);
        try (TailClient tail = TailClient.connectLive(base(), admin, admin)) {
            await().atMost(WAIT).until(() -> archived(id) != null);
            assertThat(archived(id).getString("publisher")).isEqualTo("root");
        }
    }

    @Test
    void subscriptionsTakeTheAdminTokenOrAnAdminJwt() {
        given().get("/api/subscriptions").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer test-admin-token").get("/api/subscriptions").then().statusCode(200)
                .body("subscriptions[0].name", equalTo("archive"));
        given().header("Authorization", "Bearer " + Tokens.of("root", ADMIN)).get("/api/subscriptions").then().statusCode(200);
        given().header("Authorization", "Bearer " + Tokens.of("alice", PUBLISHER, SUBSCRIBER)).get("/api/subscriptions")
                .then().statusCode(403).body("error", containsString("logs-admin"));
        given().header("Authorization", "Bearer " + Tokens.expired("root", ADMIN)).get("/api/subscriptions")
                .then().statusCode(401).body("error", containsString("expired"));
    }

    @Test
    void oneAddressHoldsALimitedNumberOfTailConnections() throws Exception {
        String address = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
        double before = refused("address_connections");
        List<WebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(HTTP.newWebSocketBuilder().header("X-Forwarded-For", address)
                        .buildAsync(TailClient.streamUri(base(), SUBSCRIBER_TOKEN), new WebSocket.Listener() {
                        }).get(10, TimeUnit.SECONDS));
            }
            HttpResponse<?> sixth = TailClient.refusal(HTTP, TailClient.streamUri(base(), SUBSCRIBER_TOKEN), "X-Forwarded-For", address);
            assertThat(sixth).as("the sixth connection of %s", address).isNotNull();
            assertThat(sixth.statusCode()).isEqualTo(429);
            assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused("address_connections")).isGreaterThan(before);
            // the proxy's other clients are not affected
            assertThat(TailClient.refusal(HTTP, TailClient.streamUri(base(), SUBSCRIBER_TOKEN), "X-Forwarded-For", "203.0.113.0")).isNull();
            // a client that leaves gives its place back
            open.remove(0).abort();
            await().atMost(WAIT).until(() -> TailClient.refusal(HTTP, TailClient.streamUri(base(), SUBSCRIBER_TOKEN),
                    "X-Forwarded-For", address) == null);
        } finally {
            open.forEach(WebSocket::abort);
        }
    }

    @Test
    void oneAddressCannotOpenConnectionsFasterThanItsRate() throws Exception {
        String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        double before = refused("connect_rate");
        HttpResponse<?> answer;
        int attempts = 0;
        do {
            answer = TailClient.refusal(HTTP, TailClient.streamUri(base(), null), "X-Forwarded-For", address);
            attempts++;
        } while (answer.statusCode() == 401 && attempts < 200);
        assertThat(answer.statusCode()).as("after %d attempts", attempts).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(attempts).as("the burst of 10 is let through first").isGreaterThan(10);
        assertThat(refused("connect_rate")).isGreaterThan(before);
    }

    @Test
    void everyRefusalIsCounted() {
        double unauthenticated = refused("unauthenticated");
        double forbidden = refused("forbidden");
        post(null, null, "anonymous").then().statusCode(401);
        post(SUBSCRIBER_TOKEN, null, "from a reader").then().statusCode(403);
        given().header("Authorization", "Bearer " + PUBLISHER_TOKEN).get("/api/subscriptions").then().statusCode(403);
        assertThat(refused("unauthenticated")).isGreaterThanOrEqualTo(unauthenticated + 1);
        assertThat(refused("forbidden")).isGreaterThanOrEqualTo(forbidden + 2);
        assertThat(given().get("/q/metrics").then().extract().asString()).doesNotContain(PUBLISHER_TOKEN, SUBSCRIBER_TOKEN);
    }
}
