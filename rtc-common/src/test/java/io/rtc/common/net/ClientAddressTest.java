package io.rtc.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.rtc.common.support.FakeRequest;

class ClientAddressTest {

    private static final TrustedProxies NONE = TrustedProxies.of(List.of("none"));
    private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "fd00::/8"));

    @Test
    void withoutTrustedProxiesThePeerIsTheClient() {
        assertThat(ClientAddress.resolve("203.0.113.5", null, NONE)).isEqualTo("203.0.113.5");
        assertThat(ClientAddress.resolve("203.0.113.5", "198.51.100.1", NONE)).isEqualTo("203.0.113.5");
        assertThat(ClientAddress.resolve("10.0.0.1", "198.51.100.1", NONE)).isEqualTo("10.0.0.1");
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        assertThat(ClientAddress.resolve("203.0.113.5", "198.51.100.1", PROXIES)).isEqualTo("203.0.113.5");
        assertThat(ClientAddress.resolve("203.0.113.5", "10.0.0.9", PROXIES)).isEqualTo("203.0.113.5");
    }

    @Test
    void behindATrustedProxyTheForwardedClientCounts() {
        assertThat(ClientAddress.resolve("10.0.0.2", "198.51.100.1", PROXIES)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.resolve("10.0.0.2", null, PROXIES)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.resolve("fd00::2", "2001:db8::77", PROXIES)).isEqualTo("2001:db8::77");
    }

    @Test
    void theRightMostUntrustedHopIsChosen() {
        // client 198.51.100.1 -> proxy 10.0.0.3 -> proxy 10.0.0.2 (the peer)
        assertThat(ClientAddress.resolve("10.0.0.2", "198.51.100.1, 10.0.0.3", PROXIES)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.resolve("10.0.0.2", "198.51.100.1,10.0.0.3,fd00::1", PROXIES)).isEqualTo("198.51.100.1");
    }

    @Test
    void forgedLeftMostEntriesAreIgnored() {
        // the client sent X-Forwarded-For: 1.1.1.1, 10.0.0.77; the proxy appended the real address
        assertThat(ClientAddress.resolve("10.0.0.2", "1.1.1.1, 10.0.0.77, 198.51.100.1", PROXIES)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.resolve("10.0.0.2", "garbage, 198.51.100.1", PROXIES)).isEqualTo("198.51.100.1");
    }

    @Test
    void garbageInThePlaceOfTheClientFallsBackToThePeer() {
        assertThat(ClientAddress.resolve("10.0.0.2", "unknown", PROXIES)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.resolve("10.0.0.2", "198.51.100.1, not-an-ip", PROXIES)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.resolve("10.0.0.2", "999.1.1.1", PROXIES)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.resolve("10.0.0.2", "198.51.100.1:4711", PROXIES)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.resolve("10.0.0.2", "", PROXIES)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.resolve("10.0.0.2", " , ,", PROXIES)).isEqualTo("10.0.0.2");
    }

    @Test
    void emptyHopsAreSkipped() {
        assertThat(ClientAddress.resolve("10.0.0.2", "198.51.100.1, , 10.0.0.3,", PROXIES)).isEqualTo("198.51.100.1");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClosestToTheClient() {
        assertThat(ClientAddress.resolve("10.0.0.2", "10.0.0.9, 10.0.0.3", PROXIES)).isEqualTo("10.0.0.9");
    }

    @Test
    void theRequestsPeerAndHeader() {
        assertThat(ClientAddress.of(new FakeRequest().peer("203.0.113.5").build(), PROXIES)).isEqualTo("203.0.113.5");
        assertThat(ClientAddress.of(new FakeRequest().peer("10.0.0.2").header("X-Forwarded-For", "198.51.100.1").build(), PROXIES))
                .isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of(new FakeRequest().peer("10.0.0.2").header("x-forwarded-for", "198.51.100.1").build(), NONE))
                .isEqualTo("10.0.0.2");
        assertThat(ClientAddress.of(new FakeRequest().peer(null).build(), PROXIES)).isEqualTo("unknown");
    }

    @Test
    void severalForwardedForHeadersAreOneList() {
        // RFC 9110 5.3: repeated fields are one comma-separated list. A proxy that adds its own header line (as
        // HAProxy's option forwardfor does) puts the real client last; the client's forged line comes first.
        assertThat(ClientAddress.of(new FakeRequest().peer("10.0.0.2").header("X-Forwarded-For", "1.1.1.1")
                .header("X-Forwarded-For", "198.51.100.1").build(), PROXIES)).isEqualTo("198.51.100.1");
    }
}
