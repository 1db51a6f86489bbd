package io.rtc.cli.signalr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HubUrlTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void negotiateAndWebSocketRequestsOfAPlainUrl() {
        HubUrl hub = HubUrl.parse("http://localhost:8081/chatHub");

        RequestOptions negotiate = hub.negotiateRequest(TIMEOUT);
        assertThat(negotiate.getMethod()).isEqualTo(HttpMethod.POST);
        assertThat(negotiate.getHost()).isEqualTo("localhost");
        assertThat(negotiate.getPort()).isEqualTo(8081);
        assertThat(negotiate.getURI()).isEqualTo("/chatHub/negotiate?negotiateVersion=1");
        WebSocketConnectOptions ws = hub.webSocket("a+b/c=", TIMEOUT);
        assertThat(ws.getURI()).isEqualTo("/chatHub?id=a%2Bb%2Fc%3D");
        assertThat(ws.isSsl()).isFalse();
        assertThat(hub.webSocket(null, TIMEOUT).getURI()).isEqualTo("/chatHub");
    }

    @Test
    void trailingSlashQueryAndTls() {
        HubUrl hub = HubUrl.parse("https://chat.example/chatHub/?access_token=x");

        assertThat(hub.port()).isEqualTo(443);
        assertThat(hub.negotiateRequest(TIMEOUT).getURI()).isEqualTo("/chatHub/negotiate?access_token=x&negotiateVersion=1");
        assertThat(hub.webSocket("t", TIMEOUT).getURI()).isEqualTo("/chatHub?access_token=x&id=t");
        assertThat(hub.webSocket("t", TIMEOUT).isSsl()).isTrue();
    }

    @Test
    void webSocketSchemesMeanTheSame() {
        assertThat(HubUrl.parse("ws://127.0.0.1:9/hub").ssl()).isFalse();
        assertThat(HubUrl.parse("wss://127.0.0.1/hub").ssl()).isTrue();
    }

    @Test
    void otherSchemesAndNoHostAreRejected() {
        assertThatThrownBy(() -> HubUrl.parse("ftp://localhost/chatHub")).hasMessageContaining("http://");
        assertThatThrownBy(() -> HubUrl.parse("http:///chatHub")).hasMessageContaining("no host");
        assertThatThrownBy(() -> HubUrl.parse("http://local host/")).hasMessageContaining("Invalid URL");
    }
}
