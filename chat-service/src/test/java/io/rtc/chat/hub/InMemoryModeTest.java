package io.rtc.chat.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rtc.chat.support.HubTestClient;

/** CHAT_BACKPLANE=memory: one instance that needs no Redis at all (here pointed at a port nobody listens on). */
@QuarkusTest
@TestProfile(InMemoryModeTest.NoRedis.class)
class InMemoryModeTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void roomsHistoryAndPresenceWorkWithoutRedis() throws Exception {
        given().baseUri(base.toString()).get("/q/health/ready").then().statusCode(200);
        try (HubTestClient ann = HubTestClient.connect(base + "chatHub"); HubTestClient bob = HubTestClient.connect(base + "chatHub")) {
            ann.invoke("JoinRoom", "General");
            bob.invoke("JoinRoom", "General");
            assertThat(bob.invoke("SendMessage", "General", "bob", "hi ann").has("error")).isFalse();
            assertThat(ann.nextMessage()).endsWith("has joined the room General");
            assertThat(ann.nextMessage()).endsWith("has joined the room General");
            assertThat(ann.nextMessage()).isEqualTo("bob: hi ann");
            assertThat(ann.invoke("GetHistory", "General", 5).get("result").get(0).get("message").asText()).isEqualTo("hi ann");
            assertThat(given().baseUri(base.toString()).header("Authorization", "Bearer test-admin-token").get("/api/rooms")
                    .then().statusCode(200).extract().jsonPath().getList("members")).containsExactly(2);
        }
    }

    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.backplane", "memory", "quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }
}
