package io.rtc.chat.endpoint;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.chat.support.HubTestClient;

/** Negotiate, CORS and the checks on the connection token before the WebSocket opens. */
@QuarkusTest
class NegotiateTest {

    @TestHTTPResource("/chatHub")
    URL hub;

    @Test
    void version1SeparatesIdAndTokenAndOffersEveryTransport() {
        given().post(hub + "/negotiate?negotiateVersion=1").then().statusCode(200)
                .header("Content-Type", containsString("application/json"))
                .body("negotiateVersion", equalTo(1))
                .body("connectionId", not(nullValue()))
                .body("connectionToken", containsString("."))
                // in the order clients fall back in: WebSockets, then Server-Sent Events (text only), then Long Polling
                .body("availableTransports.transport", org.hamcrest.Matchers.contains("WebSockets", "ServerSentEvents", "LongPolling"))
                .body("availableTransports[0].transferFormats", org.hamcrest.Matchers.contains("Text", "Binary"))
                .body("availableTransports[1].transferFormats", org.hamcrest.Matchers.contains("Text"))
                .body("availableTransports[2].transferFormats", org.hamcrest.Matchers.contains("Text", "Binary"))
                .body("useStatefulReconnect", not(equalTo(true)));
    }

    @Test
    void statefulReconnectIsOfferedToClientsThatAskForIt() {
        given().post(hub + "/negotiate?negotiateVersion=1&useStatefulReconnect=true").then().statusCode(200)
                .body("useStatefulReconnect", equalTo(true))
                .body("connectionToken", containsString("."));
    }

    @Test
    void version0ConnectsWithTheConnectionId() throws Exception {
        String id = given().post(hub + "/negotiate").then().statusCode(200)
                .body("negotiateVersion", nullValue()).body("connectionToken", nullValue())
                .extract().path("connectionId");
        try (HubTestClient client = HubTestClient.open(hub + "?id=" + id)) {
            client.handshake();
            assertThat(client.invoke("JoinRoom", "v0-room").has("error")).isFalse();
        }
    }

    @Test
    void negotiateNeedsPost() {
        given().get(hub + "/negotiate").then().statusCode(405).header("Allow", containsString("POST"));
    }

    @Test
    void plainGetOnTheHubWithoutAnIdIs400() {
        given().get(hub.toString()).then().statusCode(400);
    }

    @Test
    void preflightFromAnAllowedOriginPermitsCredentials() {
        given().header("Origin", "http://allowed.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-requested-with,x-signalr-user-agent")
                .options(hub + "/negotiate?negotiateVersion=1")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "http://allowed.example")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Headers", "x-requested-with,x-signalr-user-agent");
        given().header("Origin", "http://allowed.example").post(hub + "/negotiate?negotiateVersion=1")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://allowed.example");
    }

    @Test
    void otherOriginsAreRefused() {
        given().header("Origin", "http://evil.example").post(hub + "/negotiate?negotiateVersion=1")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void thePagesOwnOriginIsAllowed() {
        String origin = "http://" + hub.getHost() + ":" + hub.getPort();
        given().header("Origin", origin).post(hub + "/negotiate?negotiateVersion=1")
                .then().statusCode(200).header("Access-Control-Allow-Origin", origin);
    }

    @Test
    void forgedOrUnknownTokensGet404() {
        JsonNode negotiation = given().post(hub + "/negotiate?negotiateVersion=1").as(JsonNode.class);
        String token = negotiation.get("connectionToken").asText();
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThat(upgradeStatus(hub + "?id=" + forged)).isEqualTo(404);
        assertThat(upgradeStatus(hub + "?id=not-a-token")).isEqualTo(404);
        String otherId = negotiation.get("connectionId").asText().replace('a', 'b') + "x";
        assertThat(upgradeStatus(hub + "?id=" + otherId + token.substring(token.indexOf('.')))).isEqualTo(404);
    }

    @Test
    void aTokenConnectsOnlyOnce() throws Exception {
        String token = given().post(hub + "/negotiate?negotiateVersion=1").then().extract().path("connectionToken");
        try (HubTestClient first = HubTestClient.open(hub + "?id=" + token)) {
            first.handshake();
            assertThat(upgradeStatus(hub + "?id=" + token)).isEqualTo(409);
        }
        assertThat(upgradeStatus(hub + "?id=" + token)).isEqualTo(409);
    }

    @Test
    void skipNegotiationClientsConnectWithoutAnId() throws Exception {
        try (HubTestClient client = HubTestClient.open(hub.toString())) {
            client.handshake();
            assertThat(client.invoke("JoinRoom", "skip-negotiation").has("error")).isFalse();
            assertThat(client.nextMessage()).matches("System: \\S+ has joined the room skip-negotiation");
        }
    }

    /** The HTTP status of a refused upgrade (the JDK client reports it in the handshake exception). */
    static int upgradeStatus(String url) {
        try {
            HubTestClient.open(url).close();
            return 101;
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
