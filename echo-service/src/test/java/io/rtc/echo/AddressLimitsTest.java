package io.rtc.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rtc.echo.support.Metrics;
import io.rtc.echo.support.RawWebSocket;
import io.rtc.echo.support.Urls;

/**
 * The per-address limits: connections held at once and connections opened per second, each refused with 429,
 * {@code Retry-After} and a one-line reason before the upgrade, and counted on {@code /q/metrics}. The profile
 * trusts 127.0.0.1 as a proxy, so each test speaks for client addresses of its own through {@code X-Forwarded-For}
 * and starts with their full burst; a peer the profile does not trust (127.0.0.2) has its header ignored.
 */
@QuarkusTest
@TestProfile(AddressLimitsTest.SmallLimits.class)
class AddressLimitsTest {

    static final int PER_ADDRESS = 3;
    static final int BURST = 10;
    /** One new connection per 20 s once the burst is spent: no test lasts long enough to earn one. */
    static final String RATE = "0.05";
    static final String OPEN = "echo_connections_open";
    static final String REFUSED = "echo_refused_total";

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("echo.limits.connections-per-address", Integer.toString(PER_ADDRESS),
                    "echo.limits.connect-rate", RATE,
                    "echo.limits.connect-burst", Integer.toString(BURST),
                    "echo.limits.trusted-proxies", "127.0.0.1");
        }
    }

    @TestHTTPResource("/")
    URI http;

    private final List<RawWebSocket> open = new ArrayList<>();

    @BeforeEach
    void noConnectionLeftFromEarlierTests() {
        await().atMost(Duration.ofSeconds(15)).until(() -> Metrics.value(http, OPEN) == 0);
    }

    @AfterEach
    void closeAll() throws IOException {
        for (RawWebSocket ws : open) {
            ws.close();
        }
    }

    @Test
    void anAddressHoldsAtMostItsLimitAndGetsRoomBackWhenItsConnectionsClose() throws Exception {
        String client = "203.0.113.10";
        double refusedBefore = refused("address_connections");
        for (int i = 0; i < PER_ADDRESS; i++) {
            open.add(connectAs(client));
        }
        RawWebSocket.Refused refused = refusedAs(client);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.body())
                .isEqualTo("Too many connections from your address: at most " + PER_ADDRESS + " at a time\n");
        assertThat(refused("address_connections")).isEqualTo(refusedBefore + 1);
        assertThat(Metrics.value(http, OPEN)).isEqualTo(PER_ADDRESS);
        assertEchoes(open.get(1)); // those already in are served as usual

        open.remove(0).abort(); // TCP reset, no close frame
        await().atMost(Duration.ofSeconds(5)).until(() -> Metrics.value(http, OPEN) == PER_ADDRESS - 1);
        RawWebSocket again = connectAs(client);
        assertEchoes(again);
        open.add(again);

        // every way of leaving gives the room back: a closing handshake, a FIN, a reset
        RawWebSocket polite = open.remove(0);
        polite.sendClose(1000, "bye");
        assertThat(polite.readSkippingPings().closeCode()).isEqualTo(1000);
        polite.close();
        open.remove(0).close();
        open.remove(0).abort();
        await().atMost(Duration.ofSeconds(5)).until(() -> Metrics.value(http, OPEN) == 0);
        for (int i = 0; i < PER_ADDRESS; i++) {
            open.add(connectAs(client));
        }
        assertThat(refusedAs(client).status()).isEqualTo(429);
        assertThat(refused("address_connections")).isEqualTo(refusedBefore + 2);
    }

    @Test
    void behindATrustedProxyEachForwardedAddressCountsOnItsOwn() throws Exception {
        for (int i = 0; i < PER_ADDRESS; i++) {
            open.add(connectAs("198.51.100.1"));
        }
        // more than the limit through one proxy (127.0.0.1), but each client is under it
        open.add(connectAs("198.51.100.2"));
        open.add(connectAs("192.0.2.77, 198.51.100.3")); // the right-most hop the proxy did not add is the client
        assertThat(Metrics.value(http, OPEN)).isEqualTo(PER_ADDRESS + 2);
        assertThat(refusedAs("198.51.100.1").status()).isEqualTo(429);
        assertEchoes(open.get(PER_ADDRESS));
    }

    @Test
    void fromAPeerThatIsNoTrustedProxyTheForwardedHeaderIsIgnored() throws Exception {
        InetAddress untrusted = InetAddress.getByName("127.0.0.2");
        for (int i = 0; i < PER_ADDRESS; i++) {
            open.add(RawWebSocket.connect(ws(), untrusted, Map.of("X-Forwarded-For", "192.0.2." + i)));
        }
        RawWebSocket.Refused refused = catchThrowableOfType(
                () -> RawWebSocket.connect(ws(), untrusted, Map.of("X-Forwarded-For", "192.0.2.200")),
                RawWebSocket.Refused.class);
        assertThat(refused).as("a %dth connection from 127.0.0.2, whatever it claims", PER_ADDRESS + 1).isNotNull();
        assertThat(refused.status()).isEqualTo(429);
    }

    @Test
    void connectionsOpenedFasterThanTheRateAreRefusedOnceTheBurstIsSpent() throws Exception {
        String client = "198.51.100.50";
        double rateRefusedBefore = refused("connect_rate");
        // one at a time, so the connection count never stands in the way
        for (int i = 0; i < BURST; i++) {
            RawWebSocket ws = connectAs(client);
            assertEchoes(ws);
            ws.abort();
            await().atMost(Duration.ofSeconds(5)).until(() -> Metrics.value(http, OPEN) == 0);
        }
        RawWebSocket.Refused refused = refusedAs(client);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("20"); // one connection per 1 / 0.05 s
        assertThat(refused.body())
                .isEqualTo("Connecting too fast: at most " + RATE + " new connections per second from one address\n");
        assertThat(refused("connect_rate")).isEqualTo(rateRefusedBefore + 1);
        assertThat(refusedAs(client).status()).isEqualTo(429); // and again: no token came back
        assertThat(refused("connect_rate")).isEqualTo(rateRefusedBefore + 2);
        // another client of the same proxy is not affected
        RawWebSocket other = connectAs("198.51.100.51");
        open.add(other);
        assertEchoes(other);
    }

    private URI ws() {
        return Urls.ws(http, "/echo");
    }

    private RawWebSocket connectAs(String forwardedFor) throws IOException {
        return RawWebSocket.connect(ws(), null, Map.of("X-Forwarded-For", forwardedFor));
    }

    private RawWebSocket.Refused refusedAs(String forwardedFor) {
        RawWebSocket.Refused refused = catchThrowableOfType(() -> connectAs(forwardedFor).close(),
                RawWebSocket.Refused.class);
        assertThat(refused).as("the upgrade for %s is refused", forwardedFor).isNotNull();
        return refused;
    }

    private double refused(String reason) {
        return Metrics.value(http, REFUSED, "reason", reason);
    }

    private static void assertEchoes(RawWebSocket ws) throws IOException {
        ws.sendText("still served");
        assertThat(ws.readSkippingPings().text()).isEqualTo("Server Response: still served");
    }
}
