package io.rtc.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rtc.echo.support.RawWebSocket;
import io.rtc.echo.support.Urls;

/**
 * A client that floods the server and reads nothing. The server must not buffer replies without bound:
 * it stops reading, TCP pushes back and the client's sends block. Once the client reads, every reply
 * arrives, in order, none lost. (A client that reads nothing answers no pings either: the profile gives
 * it the default peer timeout, not the test profile's 2 s.)
 */
@QuarkusTest
@TestProfile(SlowReaderTest.DefaultPeerTimeout.class)
class SlowReaderTest {

    public static class DefaultPeerTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("echo.peer-timeout", "60s",
                    "echo.limits.frame-rate", FLOOD_FRAME_RATE, "echo.limits.frame-burst", "1000");
        }
    }

    /**
     * The flood outruns the test profile's 500 frames/s; at this rate the connection is throttled too (so the rate's
     * pauses and the slow reader's meet) without making the test slow.
     */
    static final String FLOOD_FRAME_RATE = "50000";

    /** Far more than loopback socket buffers hold (a few MiB each way), so only back-pressure can stop it. */
    static final int MESSAGES = 40_000;
    static final int SIZE = 1024;

    @TestHTTPResource("/")
    URI http;

    @Test
    void aFloodFromAClientThatDoesNotReadIsThrottledAndLosesNothing() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"), 4096)) {
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        ws.send(RawWebSocket.TEXT, true, message(i));
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int[] last = { -1 };
            await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(() -> {
                int now = sent.get();
                boolean stalled = now == last[0];
                last[0] = now;
                return stalled || sender.isDone();
            });
            assertThat(sender.isDone()).as("the sender is blocked by back-pressure, %d of %d sent", sent.get(), MESSAGES)
                    .isFalse();

            ws.setReadTimeout(10_000);
            for (int i = 0; i < MESSAGES; i++) {
                RawWebSocket.Frame reply = ws.readSkippingPings();
                assertThat(reply.opcode()).as("reply %d: %s", i, reply.closeReason()).isEqualTo(RawWebSocket.TEXT);
                String expected = "Server Response: " + new String(message(i), StandardCharsets.US_ASCII);
                if (!expected.equals(reply.text())) {
                    assertThat(reply.text()).as("reply %d", i).isEqualTo(expected);
                }
            }
            sender.get(10, TimeUnit.SECONDS);
            assertThat(sent.get()).isEqualTo(MESSAGES);
        }
    }

    private static byte[] message(int sequence) {
        byte[] bytes = new byte[SIZE];
        java.util.Arrays.fill(bytes, (byte) '.');
        byte[] number = Integer.toString(sequence).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(number, 0, bytes, 0, number.length);
        return bytes;
    }
}
