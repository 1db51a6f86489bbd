package io.rtc.chat.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.chat.support.HubTestClient;

/** Health and metrics, as a deployment watches them. */
@QuarkusTest
class ObservabilityTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void readyWhileRedisIsReachable() {
        given().baseUri(base.toString()).get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'chat-backplane' }.status", equalTo("UP"));
        given().baseUri(base.toString()).get("/q/health/live").then().statusCode(200);
        given().baseUri(base.toString()).get("/q/health/started").then().statusCode(200);
    }

    @Test
    void metricsCountConnectionsAndMessages() throws Exception {
        double before = metric("chat_messages_received_total");
        try (HubTestClient client = HubTestClient.connect(base + "chatHub")) {
            client.invoke("JoinRoom", "metrics-room");
            assertThat(metric("chat_connections_open")).isGreaterThanOrEqualTo(1);
            assertThat(metric("chat_messages_received_total")).isGreaterThanOrEqualTo(before + 2);
            assertThat(metric("chat_messages_delivered_total")).isGreaterThanOrEqualTo(1);
        }
    }

    private double metric(String name) {
        String text = given().baseUri(base.toString()).get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
