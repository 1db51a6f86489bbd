package io.rtc.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.echo.support.JdkWebSocket;
import io.rtc.echo.support.Metrics;
import io.rtc.echo.support.RawWebSocket;
import io.rtc.echo.support.RawWebSocket.Frame;
import io.rtc.echo.support.Urls;

/**
 * Connections come and go in every way a network allows; the open-connections gauge must follow.
 * The test profile pings every 500 ms and drops a peer after 2 s without a pong.
 */
@QuarkusTest
class ConnectionLifecycleTest {

    static final String OPEN = "echo_connections_open";

    @TestHTTPResource("/")
    URI http;

    @BeforeEach
    void noConnectionLeftFromEarlierTests() {
        await().atMost(Duration.ofSeconds(15)).until(() -> Metrics.value(http, OPEN) == 0);
    }

    @Test
    void theGaugeCountsOpenConnections() throws Exception {
        try (JdkWebSocket a = JdkWebSocket.connect(Urls.ws(http, "/echo"));
                JdkWebSocket b = JdkWebSocket.connect(Urls.ws(http, "/"))) {
            assertThat(a.sendAndReceiveText("a")).isEqualTo("Server Response: a");
            assertThat(b.sendAndReceiveText("b")).isEqualTo("Server Response: b");
            assertThat(Metrics.value(http, OPEN)).isEqualTo(2);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Metrics.value(http, OPEN) == 0);
    }

    @Test
    void anAbruptDisconnectLeavesNoConnectionBehind() throws Exception {
        RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"));
        ws.sendText("about to vanish");
        assertThat(ws.readSkippingPings().text()).isEqualTo("Server Response: about to vanish");
        assertThat(Metrics.value(http, OPEN)).isEqualTo(1);
        ws.abort(); // TCP reset, no close frame
        await().atMost(Duration.ofSeconds(5)).until(() -> Metrics.value(http, OPEN) == 0);
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsDropped() throws Exception {
        double deadBefore = Metrics.value(http, "echo_connections_dead_total");
        try (RawWebSocket silent = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            // The raw client never answers pings: like a host that vanished without a FIN.
            await().atMost(Duration.ofSeconds(15)).until(() -> Metrics.value(http, OPEN) == 0);
            assertThat(Metrics.value(http, "echo_connections_dead_total")).isEqualTo(deadBefore + 1);
            Frame frame = silent.readSkippingPings();
            assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(frame.closeCode()).isEqualTo(1011);
            assertThat(frame.closeReason()).isEqualTo("Ping timeout");
        }
    }

    @Test
    void aQuietPeerThatAnswersPingsStaysConnected() throws Exception {
        try (JdkWebSocket quiet = JdkWebSocket.connect(Urls.ws(http, "/echo"))) {
            // Twice the peer timeout without a message: only the pongs keep it alive.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> Metrics.value(http, OPEN) == 1 && !quiet.closeCode().isDone());
            assertThat(quiet.sendAndReceiveText("still here")).isEqualTo("Server Response: still here");
        }
    }

    @Test
    void upgradesOverTheCapAreRefusedWith503() throws Exception {
        int cap = ConfigProvider.getConfig().getValue("echo.max-connections", Integer.class);
        double rejectedBefore = Metrics.value(http, "echo_connections_rejected_total");
        List<RawWebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < cap; i++) {
                open.add(RawWebSocket.connect(Urls.ws(http, "/echo")));
            }
            assertThat(Metrics.value(http, OPEN)).isEqualTo(cap);
            assertThatThrownBy(() -> RawWebSocket.connect(Urls.ws(http, "/echo")))
                    .isInstanceOf(IOException.class).hasMessageContaining("HTTP/1.1 503");
            assertThat(Metrics.value(http, "echo_connections_rejected_total")).isEqualTo(rejectedBefore + 1);
            // Those already in are served as usual.
            open.get(0).sendText("inside");
            assertThat(open.get(0).readSkippingPings().text()).isEqualTo("Server Response: inside");
        } finally {
            for (RawWebSocket ws : open) {
                ws.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Metrics.value(http, OPEN) == 0);
        try (JdkWebSocket again = JdkWebSocket.connect(Urls.ws(http, "/echo"))) {
            assertThat(again.sendAndReceiveText("room again")).isEqualTo("Server Response: room again");
        }
    }
}
