package io.rtc.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.echo.support.Metrics;
import io.rtc.echo.support.RawWebSocket;
import io.rtc.echo.support.RawWebSocket.Frame;
import io.rtc.echo.support.Urls;

/**
 * A client that sends faster than {@code echo.limits.frame-rate} (the test profile: 500 frames/s after a burst
 * of 200) is slowed down, not cut off: every message is answered, in order, but no sooner than the bucket allows.
 * The client keeps a window of messages in flight and answers pings (the test profile drops a peer silent for 2 s).
 */
@QuarkusTest
class FrameRateTest {

    /** Seconds of rate beyond the burst that the client asks for. */
    static final int SECONDS_OVER = 2;
    static final int WINDOW = 50;

    @TestHTTPResource("/")
    URI http;

    @Test
    void aClientOverTheFrameRateGetsEveryReplyInOrderButNoFaster() throws Exception {
        double rate = ConfigProvider.getConfig().getValue("echo.limits.frame-rate", Double.class);
        int burst = ConfigProvider.getConfig().getValue("echo.limits.frame-burst", Integer.class);
        int total = burst + (int) (SECONDS_OVER * rate);
        double throttledBefore = Metrics.value(http, "echo_frames_throttled_total");
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            long start = System.nanoTime();
            int sent = 0;
            int received = 0;
            while (received < total) {
                while (sent < total && sent - received < WINDOW) {
                    ws.sendText("m" + sent++);
                }
                Frame frame = ws.read();
                if (frame.opcode() == RawWebSocket.PING) {
                    ws.send(RawWebSocket.PONG, true, frame.payload());
                    continue;
                }
                assertThat(frame.opcode()).as("reply %d: %s", received, frame.closeReason()).isEqualTo(RawWebSocket.TEXT);
                String expected = "Server Response: m" + received;
                if (!expected.equals(frame.text())) {
                    assertThat(frame.text()).as("reply %d", received).isEqualTo(expected);
                }
                received++;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            // The bucket holds at most `burst` tokens at the start: the rest takes SECONDS_OVER seconds at least.
            assertThat(elapsed).as("%d messages at %s/s after a burst of %d", total, rate, burst)
                    .isGreaterThan(Duration.ofMillis(SECONDS_OVER * 900L))
                    .isLessThan(Duration.ofSeconds(SECONDS_OVER + 10));
            ws.sendClose(1000, "done");
            assertThat(ws.readSkippingPings().closeCode()).isEqualTo(1000);
        }
        assertThat(Metrics.value(http, "echo_frames_throttled_total")).isGreaterThan(throttledBefore);
        await().atMost(Duration.ofSeconds(5)).until(() -> Metrics.value(http, "echo_connections_open") == 0);
    }
}
