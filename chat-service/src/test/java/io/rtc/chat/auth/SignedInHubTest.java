package io.rtc.chat.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.chat.support.HubTestClient;
import io.rtc.chat.support.TestTokens;

/**
 * Signed-in connections on the shared test app (auth optional there, as by default): the signed-in name
 * cannot be forged, rooms outside the token's claim are refused and get nothing, presence and Clients.User
 * know the user, and admin JWTs work beside ADMIN_TOKEN.
 */
@QuarkusTest
class SignedInHubTest {

    @TestHTTPResource("/")
    URL base;

    private String hub() {
        return base + "chatHub";
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aSignedInUserSendsOnlyUnderTheSignedInName() throws Exception {
        String room = "team-" + run;
        try (HubTestClient alice = HubTestClient.connect(hub(), TestTokens.user("u-alice-" + run, "alice", "team-*"));
                HubTestClient watcher = HubTestClient.connect(hub())) {
            watcher.invoke("JoinRoom", room);
            assertThat(alice.invoke("JoinRoom", room).has("error")).isFalse();

            JsonNode forged = alice.invoke("SendMessage", room, "mallory", "I am mallory");
            assertThat(forged.path("error").asText()).contains("signed in as 'alice'");
            JsonNode real = alice.invoke("SendMessage", room, "alice", "hello");
            assertThat(real.has("error")).as("the connection stays usable: %s", real).isFalse();
            assertThat(nextChat(watcher)).isEqualTo("alice: hello");
        }
    }

    @Test
    void roomsOutsideTheClaimAreRefusedAndGetNothing() throws Exception {
        String allowed = "team-" + run;
        String other = "general-" + run;
        try (HubTestClient alice = HubTestClient.connect(hub(), TestTokens.user("u-alice-" + run, "alice", "team-*"));
                HubTestClient admin = HubTestClient.connect(hub(), TestTokens.token("u-admin-" + run).name("admin")
                        .groups("chat-admin").sign())) {
            assertThat(admin.invoke("JoinRoom", other).has("error")).as("the admin role may use any room").isFalse();
            assertThat(alice.invoke("JoinRoom", other).path("error").asText()).contains("may not join the room '" + other + "'");
            assertThat(alice.invoke("SendMessage", other, "alice", "sneaky").path("error").asText()).contains("may not send to");
            assertThat(alice.invoke("GetHistory", other, 10).path("error").asText()).contains("may not read");

            // what reaches the admin next in that room is its own later message, not alice's refused one
            admin.invoke("SendMessage", other, "admin", "marker");
            assertThat(nextChat(admin)).isEqualTo("admin: marker");
            assertThat(alice.invoke("JoinRoom", allowed).has("error")).isFalse();
        }
    }

    @Test
    void presenceAndClientsUserKnowTheSignedInUser() throws Exception {
        String user = "u-carol-" + run;
        String room = "team-presence-" + run;
        try (HubTestClient phone = HubTestClient.connect(hub(), TestTokens.user(user, "Carol C.", "team-*"));
                HubTestClient laptop = HubTestClient.connect(hub(), TestTokens.user(user, "Carol C.", "team-*"));
                HubTestClient other = HubTestClient.connect(hub(), TestTokens.user("u-dave-" + run, "dave", "team-*"))) {
            phone.invoke("JoinRoom", room);
            List<Map<String, Object>> members = given().baseUri(base.toString()).header("Authorization", "Bearer test-admin-token")
                    .get("/api/rooms/{room}/members", room).then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(members).singleElement().satisfies(member -> {
                assertThat(member).containsEntry("userId", user).containsEntry("name", "Carol C.");
            });

            given().baseUri(base.toString()).header("Authorization", "Bearer test-admin-token").contentType("application/json")
                    .body(Map.of("user", "ops", "message", "your build finished")).post("/api/users/{user}/messages", user)
                    .then().statusCode(202);
            assertThat(nextChat(laptop)).isEqualTo("ops: your build finished");
            assertThat(nextChat(phone)).isEqualTo("ops: your build finished");
            other.invoke("JoinRoom", room);
            assertThat(other.nextMessage()).as("another user gets no message of carol's").startsWith("System: ");
        }
    }

    @Test
    void badTokensGet401AtNegotiateAndAtTheUpgrade() throws Exception {
        Map<String, String> bad = Map.of(
                "expired", TestTokens.token("u-x").name("x").expiresIn(Duration.ofMinutes(-5)).sign(),
                "wrong issuer", TestTokens.token("u-x").issuer("https://elsewhere").sign(),
                "wrong audience", TestTokens.token("u-x").audience("another-service").sign(),
                "bad signature", TestTokens.token("u-x").forged().sign(),
                "not a JWT", "opaque-token");
        for (Map.Entry<String, String> token : bad.entrySet()) {
            var answer = HubTestClient.negotiateResponse(hub(), token.getValue(), Map.of());
            assertThat(answer.statusCode()).as(token.getKey()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate").orElse("")).as(token.getKey()).startsWith("Bearer");
            assertThat(answer.body()).as("the reason never quotes the token").doesNotContain(token.getValue());
            assertThat(HubTestClient.upgradeStatus(hub() + "?access_token=" + token.getValue())).as(token.getKey()).isEqualTo(401);
        }
        assertThat(HubTestClient.negotiateResponse(hub(), bad.get("expired"), Map.of()).body()).contains("expired");
    }

    @Test
    void aConnectionTokenOnlyWorksForTheUserWhoNegotiatedIt() throws Exception {
        String alice = TestTokens.user("u-alice-" + run, "alice", "*");
        String mallory = TestTokens.user("u-mallory-" + run, "mallory", "*");
        String id = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(HubTestClient.negotiateResponse(hub(), alice, Map.of()).body()).get("connectionToken").asText();
        assertThat(HubTestClient.upgradeStatus(hub() + "?id=" + id + "&access_token=" + mallory)).isEqualTo(403);
        assertThat(HubTestClient.upgradeStatus(hub() + "?id=" + id)).as("nor without a token").isEqualTo(403);
        try (HubTestClient client = HubTestClient.open(hub() + "?id=" + id + "&access_token=" + alice)) {
            client.handshake();
        }
    }

    @Test
    void aTokenThatExpiresClosesTheConnectionWithAnInvitationToReconnect() throws Exception {
        try (HubTestClient client = HubTestClient.connect(hub(), TestTokens.token("u-brief-" + run).name("brief")
                .expiresIn(Duration.ofSeconds(2)).sign())) {
            JsonNode close = null;
            while (close == null) {
                JsonNode record = client.next();
                if (record.path("type").asInt() == 7) {
                    close = record;
                }
            }
            assertThat(close.path("allowReconnect").asBoolean()).isTrue();
            assertThat(close.path("error").asText()).contains("expired");
            await().atMost(Duration.ofSeconds(10)).until(client::isClosed);
        }
    }

    @Test
    void adminEndpointsTakeAJwtWithTheAdminRole() {
        String admin = TestTokens.token("u-ops").groups("chat-admin").sign();
        String user = TestTokens.user("u-user", "user", "*");
        given().baseUri(base.toString()).header("Authorization", "Bearer " + admin).get("/api/rooms").then().statusCode(200);
        given().baseUri(base.toString()).header("Authorization", "Bearer " + user).get("/api/rooms").then().statusCode(403);
        given().baseUri(base.toString()).header("Authorization", "Bearer " + TestTokens.token("u-ops").groups("chat-admin")
                .forged().sign()).get("/api/rooms").then().statusCode(401);
    }

    @Test
    void refusalsAreCounted() throws Exception {
        try (HubTestClient alice = HubTestClient.connect(hub(), TestTokens.user("u-count-" + run, "alice", "team-*"))) {
            alice.invoke("JoinRoom", "elsewhere-" + run);
        }
        HubTestClient.negotiateResponse(hub(), "opaque", Map.of());
        String metrics = given().baseUri(base.toString()).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(counter(metrics, "room_denied")).isPositive();
        assertThat(counter(metrics, "unauthenticated")).isPositive();
        assertThat(metrics).contains("chat_refused_total{reason=\"message_rate\"}", "chat_refused_total{reason=\"user_connections\"}",
                "chat_refused_total{reason=\"address_connections\"}", "chat_refused_total{reason=\"connect_rate\"}");
        assertThat(metrics).doesNotContain("eyJ"); // no token (a JWT starts so) in any metric
    }

    /** The next message that is not a System notice. */
    private static String nextChat(HubTestClient client) throws Exception {
        while (true) {
            String message = client.nextMessage();
            if (!message.startsWith("System: ")) {
                return message;
            }
        }
    }

    private static double counter(String metrics, String reason) {
        String prefix = "chat_refused_total{reason=\"" + reason + "\"} ";
        return metrics.lines().filter(line -> line.startsWith(prefix)).mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst().orElse(-1);
    }
}
