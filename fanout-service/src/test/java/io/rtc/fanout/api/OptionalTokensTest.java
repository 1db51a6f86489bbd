package io.rtc.fanout.api;

import static io.restassured.RestAssured.given;
import static io.rtc.fanout.api.FanoutApiTest.WAIT;
import static io.rtc.fanout.api.FanoutApiTest.base;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.net.http.HttpClient;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.rtc.fanout.support.Http;
import io.rtc.fanout.support.TailClient;
import io.rtc.fanout.support.Tokens;
import io.vertx.core.json.JsonObject;

/**
 * Tokens where none is required (the default): anonymous clients work as before, a token that is sent must be
 * valid, and a valid one names the publisher, whatever its roles. Runs again on the packaged jar as
 * {@code OptionalTokensIT}.
 */
@QuarkusTest
public class OptionalTokensTest {

    private static JsonObject archived(String id) throws Exception {
        return Http.archive(base(), 5000).stream().map(JsonObject.class::cast)
                .filter(e -> id.equals(e.getString("id"))).findFirst().orElse(null);
    }

    @Test
    void aTokenThatIsSentMustBeValid() throws Exception {
        String expired = Tokens.expired("carol");
        given().header("Authorization", "Bearer " + expired).contentType("text/plain").body("x").post("/api/logs")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""))
                .body("error", containsString("expired"));
        given().header("Authorization", "Bearer not-a-jwt").get("/api/logs?limit=1").then().statusCode(401);
        assertThat(TailClient.refusal(HttpClient.newHttpClient(), TailClient.streamUri(base(), expired)).statusCode()).isEqualTo(401);
    }

    @Test
    void aValidTokenNamesThePublisherAndAnonymousStaysAnonymous() throws Exception {
        String named = given().header("Authorization", "Bearer " + Tokens.of("carol")).contentType("text/plain")
                .body("signed, no role needed").post("/api/logs").then().statusCode(202).extract().path("id");
        String anonymous = FanoutApiTest.publish("text/plain", "anonymous");
        await().atMost(WAIT).until(() -> archived(named) != null && archived(anonymous) != null);
        assertThat(archived(named).getString("publisher")).isEqualTo("carol");
        assertThat(archived(anonymous).containsKey("publisher")).isFalse();
    }
}
