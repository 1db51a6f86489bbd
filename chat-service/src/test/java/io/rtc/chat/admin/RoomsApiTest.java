package io.rtc.chat.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.rtc.chat.support.HubTestClient;

/** The admin REST API: rooms and members from presence, and a broadcast into a room. */
@QuarkusTest
class RoomsApiTest {

    @TestHTTPResource("/")
    URL base;

    private RequestSpecification admin() {
        return given().baseUri(base.toString()).header("Authorization", "Bearer test-admin-token");
    }

    @Test
    void everyAdminCallNeedsTheBearerToken() {
        given().baseUri(base.toString()).get("/api/rooms").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().baseUri(base.toString()).header("Authorization", "Bearer wrong").get("/api/rooms/x/members").then().statusCode(401);
        given().baseUri(base.toString()).contentType("application/json").body("{\"user\":\"a\",\"message\":\"b\"}")
                .post("/api/rooms/x/messages").then().statusCode(401);
    }

    @Test
    void roomsAndMembersFollowJoinsAndLeaves() throws Exception {
        String room = "api-" + UUID.randomUUID();
        try (HubTestClient ann = HubTestClient.connect(base + "chatHub"); HubTestClient bob = HubTestClient.connect(base + "chatHub")) {
            ann.invoke("JoinRoom", room);
            bob.invoke("JoinRoom", room);
            List<Map<String, Object>> rooms = admin().get("/api/rooms").then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(rooms).contains(Map.of("name", room, "members", 2));
            List<String> members = admin().get("/api/rooms/{room}/members", room).then().statusCode(200)
                    .extract().jsonPath().getList("connectionId");
            assertThat(members).hasSize(2);

            bob.invoke("LeaveRoom", room);
            assertThat(admin().get("/api/rooms/{room}/members", room).then().extract().jsonPath().getList("connectionId"))
                    .hasSize(1);
        }
        assertThat(admin().get("/api/rooms").then().extract().jsonPath().getList("name")).doesNotContain(room);
    }

    @Test
    void aBroadcastReachesTheRoomAndItsHistory() throws Exception {
        String room = "broadcast-" + UUID.randomUUID();
        try (HubTestClient ann = HubTestClient.connect(base + "chatHub")) {
            ann.invoke("JoinRoom", room);
            ann.nextMessage();
            admin().contentType("application/json").body(Map.of("user", "ops", "message", "maintenance at 6"))
                    .post("/api/rooms/{room}/messages", room).then().statusCode(202);
            assertThat(ann.nextMessage()).isEqualTo("ops: maintenance at 6");
            assertThat(ann.invoke("GetHistory", room, 10).get("result").get(0).get("message").asText()).isEqualTo("maintenance at 6");
        }
    }

    @Test
    void aBadBroadcastIsA400() {
        admin().contentType("application/json").body("{\"user\":\"ops\"}").post("/api/rooms/r/messages").then().statusCode(400);
        admin().contentType("application/json").body(Map.of("user", "ops", "message", "x"))
                .post("/api/rooms/{room}/messages", "bad\u0001room").then().statusCode(400).body(containsString("control characters"));
    }
}
