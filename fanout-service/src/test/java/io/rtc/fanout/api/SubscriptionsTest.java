package io.rtc.fanout.api;

import static io.restassured.RestAssured.given;
import static io.rtc.fanout.api.FanoutApiTest.WAIT;
import static io.rtc.fanout.api.FanoutApiTest.archivedCount;
import static io.rtc.fanout.api.FanoutApiTest.base;
import static io.rtc.fanout.api.FanoutApiTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.rtc.fanout.support.Amqp;
import io.rtc.fanout.support.TailClient;

/**
 * The broker-facing promises: what a plain AMQP consumer sees, the named subscriptions and their
 * admin view, the dead-letter queue, and a live-tail client that stops reading. Runs again on the
 * packaged jar as {@code SubscriptionsIT}.
 */
@QuarkusTest
public class SubscriptionsTest {

    private static final String TOKEN = "Bearer test-admin-token";

    @Test
    void aPlainAmqpConsumerGetsAPersistentMessageWithItsId() throws Exception {
        try (Amqp amqp = Amqp.shared()) {
            Channel channel = amqp.channel();
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "logs", "");
            BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
            channel.basicConsume(queue, true, (tag, delivery) -> deliveries.add(delivery), tag -> {
            });
            String body = "to a plain consumer " + UUID.randomUUID();
            String id = publish("text/plain", body);
            Delivery delivery;
            do {
                delivery = deliveries.poll(20, TimeUnit.SECONDS);
                assertThat(delivery).as("message %s on the consumer's queue", id).isNotNull();
            } while (!id.equals(delivery.getProperties().getMessageId()));
            assertThat(delivery.getProperties().getDeliveryMode()).isEqualTo(2);
            assertThat(delivery.getProperties().getContentType()).isEqualTo("text/plain");
            assertThat(delivery.getProperties().getTimestamp()).isNotNull();
            assertThat(new String(delivery.getBody(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(body);
        }
    }

    @Test
    void subscriptionsNeedTheAdminToken() {
        given().get("/api/subscriptions").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong").get("/api/subscriptions").then().statusCode(401);
    }

    @Test
    void aNamedSubscriptionKeepsMessagesForItsConsumer() throws Exception {
        try (Amqp amqp = Amqp.shared()) {
            amqp.purge("logs.audit");
            publish("text/plain", "for the audit queue");
            await().atMost(WAIT).until(() -> amqp.depth("logs.audit") >= 1);
            JsonPath answer = given().header("Authorization", TOKEN).get("/api/subscriptions")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getList("subscriptions.name")).containsExactly("archive", "audit");
            Map<String, Object> audit = answer.getMap("subscriptions[1]");
            assertThat(audit).containsEntry("queue", "logs.audit").containsEntry("declared", true).containsEntry("consumers", 0);
            assertThat(((Number) audit.get("depth")).longValue()).isGreaterThanOrEqualTo(1);
            Map<String, Object> archive = answer.getMap("subscriptions[0]");
            assertThat(archive).containsEntry("queue", "logs.archive");
            assertThat(((Number) archive.get("consumers")).intValue()).isGreaterThanOrEqualTo(1);
            amqp.purge("logs.audit");
        }
    }

    @Test
    void aMessageTooLargeToArchiveIsDeadLettered() throws Exception {
        try (Amqp amqp = Amqp.shared()) {
            amqp.purge("logs.archive.dlq");
            String id = "too-large-" + UUID.randomUUID();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(id).deliveryMode(2)
                    .contentType("text/plain").build();
            amqp.publish("logs", properties, "x".repeat(100_001).getBytes());
            await().atMost(WAIT).until(() -> amqp.depth("logs.archive.dlq") == 1);
            given().header("Authorization", TOKEN).get("/api/subscriptions").then().statusCode(200)
                    .body("deadLetters", org.hamcrest.Matchers.equalTo(1));
            String marker = publish("text/plain", "after the large one");
            await().atMost(WAIT).until(() -> archivedCount(marker) == 1);
            assertThat(archivedCount(id)).isZero();
            given().get("/q/metrics").then().body(containsString("fanout_archive_dead_lettered_total"));
            amqp.purge("logs.archive.dlq");
        }
    }

    @Test
    void aTailClientThatStopsReadingIsClosedAndTheOthersGetEverything() throws Exception {
        try (TailClient reader = TailClient.connectLive(base()); TailClient stalled = TailClient.connect(base(), false)) {
            String chunk = "s".repeat(32 * 1024);
            String last = null;
            for (int i = 0; i < 200; i++) {
                last = publish("text/plain", chunk + i);
            }
            String lastId = last;
            await().atMost(WAIT).until(() -> reader.countId(lastId) == 1);
            assertThat(reader.frames.stream().filter(f -> f.getString("body").startsWith(chunk))).hasSize(200);
            await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                    .body(org.hamcrest.Matchers.matchesPattern("(?s).*fanout_tail_clients_dropped_slow_total [1-9].*")));
        }
    }
}
