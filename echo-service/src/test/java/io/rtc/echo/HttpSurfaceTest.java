package io.rtc.echo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.echo.support.JdkWebSocket;
import io.rtc.echo.support.Metrics;
import io.rtc.echo.support.Urls;

/** The plain-HTTP face of the service: the hint for browsers, health and metrics. */
@QuarkusTest
class HttpSurfaceTest {

    @TestHTTPResource("/")
    URI http;

    @ParameterizedTest
    @ValueSource(strings = { "/", "/echo" })
    void aPlainGetOnAWebSocketPathAnswers400WithAHint(String path) {
        String body = given().baseUri(http.toString()).get(path)
                .then().statusCode(400).extract().asString();
        assertThat(body).contains("WebSocket").endsWith("\n");
        assertThat(body.strip().lines()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/health/live", "/q/health/ready", "/q/health/started" })
    void healthIsUp(String path) {
        given().baseUri(http.toString()).get(path).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void messagesAndBytesAreCountedBothWays() throws Exception {
        double textIn = Metrics.value(http, "echo_messages_received_total{type=\"text\"}");
        double binaryIn = Metrics.value(http, "echo_messages_received_total{type=\"binary\"}");
        double out = Metrics.value(http, "echo_messages_sent_total");
        double bytesIn = Metrics.value(http, "echo_bytes_received_total");
        double bytesOut = Metrics.value(http, "echo_bytes_sent_total");
        try (JdkWebSocket ws = JdkWebSocket.connect(Urls.ws(http, "/echo"))) {
            ws.sendAndReceiveText("héllo"); // 6 bytes in UTF-8
            ws.sendAndReceiveText("abc");
            ws.sendAndReceiveBinary(new byte[10]);
        }
        assertThat(Metrics.value(http, "echo_messages_received_total{type=\"text\"}")).isEqualTo(textIn + 2);
        assertThat(Metrics.value(http, "echo_messages_received_total{type=\"binary\"}")).isEqualTo(binaryIn + 1);
        assertThat(Metrics.value(http, "echo_messages_sent_total")).isEqualTo(out + 3);
        assertThat(Metrics.value(http, "echo_bytes_received_total")).isEqualTo(bytesIn + 6 + 3 + 10);
        assertThat(Metrics.value(http, "echo_bytes_sent_total")).isEqualTo(bytesOut + (17 + 6) + (17 + 3) + 10);
    }

    @Test
    void metricsArePrometheusText() {
        given().baseUri(http.toString()).get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE echo_connections_open gauge"))
                .body(containsString("# TYPE echo_messages_received counter"))
                .body(containsString("echo_protocol_errors_total"));
    }
}
