package io.rtc.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void noneAndEmptyTrustNoOne() {
        for (List<String> entries : List.of(List.<String>of(), List.of("none"), List.of("NONE", " "), List.of(""))) {
            TrustedProxies proxies = TrustedProxies.of(entries);
            assertThat(proxies.isEmpty()).isTrue();
            assertThat(proxies.trusts("127.0.0.1")).isFalse();
            assertThat(proxies.trusts("::1")).isFalse();
        }
    }

    @Test
    void ipv4AddressesAndBlocks() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7", " 172.16.0.0/12 "));

        assertThat(proxies.isEmpty()).isFalse();
        assertThat(proxies.trusts("10.0.0.1")).isTrue();
        assertThat(proxies.trusts("10.255.255.255")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("192.168.1.7")).isTrue();
        assertThat(proxies.trusts("192.168.1.8")).isFalse();
        assertThat(proxies.trusts("172.16.0.1")).isTrue();
        assertThat(proxies.trusts("172.31.255.254")).isTrue();
        assertThat(proxies.trusts("172.32.0.1")).isFalse();
        assertThat(proxies.trusts("172.15.255.255")).isFalse();
        assertThat(proxies.trusts(" 10.1.2.3 ")).isTrue();
    }

    @Test
    void prefixesThatAreNotWholeBytes() {
        TrustedProxies proxies = TrustedProxies.of(List.of("100.64.0.0/10", "203.0.113.128/25"));

        assertThat(proxies.trusts("100.64.0.1")).isTrue();
        assertThat(proxies.trusts("100.127.255.255")).isTrue();
        assertThat(proxies.trusts("100.128.0.0")).isFalse();
        assertThat(proxies.trusts("203.0.113.128")).isTrue();
        assertThat(proxies.trusts("203.0.113.127")).isFalse();
    }

    @Test
    void zeroPrefixTrustsTheWholeFamily() {
        TrustedProxies v4 = TrustedProxies.of(List.of("0.0.0.0/0"));
        assertThat(v4.trusts("8.8.8.8")).isTrue();
        assertThat(v4.trusts("2001:db8::1")).isFalse();

        TrustedProxies v6 = TrustedProxies.of(List.of("::/0"));
        assertThat(v6.trusts("2001:db8::1")).isTrue();
        assertThat(v6.trusts("8.8.8.8")).isFalse();
    }

    @Test
    void ipv6AddressesAndBlocks() {
        TrustedProxies proxies = TrustedProxies.of(List.of("::1", "fd00::/8", "2001:db8:abcd::/48", "[2001:db8::5]"));

        assertThat(proxies.trusts("::1")).isTrue();
        assertThat(proxies.trusts("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(proxies.trusts("[::1]")).isTrue();
        assertThat(proxies.trusts("::2")).isFalse();
        assertThat(proxies.trusts("fd12:3456::1")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(proxies.trusts("2001:db8:abcd:12::1")).isTrue();
        assertThat(proxies.trusts("2001:db8:abce::1")).isFalse();
        assertThat(proxies.trusts("2001:DB8::5")).isTrue();
        // an IPv4 address is never inside an IPv6 block, nor the other way round
        assertThat(proxies.trusts("127.0.0.1")).isFalse();
    }

    @Test
    void ipv4MappedIpv6IsTheIpv4Address() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8"));
        assertThat(proxies.trusts("::ffff:10.1.2.3")).isTrue();
        assertThat(proxies.trusts("::ffff:11.1.2.3")).isFalse();
    }

    @Test
    void badEntriesDoNotStart() {
        for (String bad : List.of("10.0.0.0/33", "::/129", "10.0.0.0/-1", "proxy.example", "10.0.0.0/x", "10.0.0/8", "300.1.1.1",
                "zz:1", "")) {
            if (bad.isEmpty()) {
                continue;
            }
            assertThatThrownBy(() -> TrustedProxies.of(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void garbageIsNeverTrustedNorLookedUp() {
        TrustedProxies proxies = TrustedProxies.of(List.of("0.0.0.0/0", "::/0"));

        for (String garbage : new String[] {null, "", " ", "unknown", "localhost", "proxy.example", "999.1.1.1", "1.2.3",
                "1.2.3.4.5", "1.2.3.4:80", "[::1]:80", "zz:1", "g::1", "_hidden", "12345678901", "1.2.3.-4", "::1/128",
                "1.2.3.4 5.6.7.8"}) {
            assertThat(proxies.trusts(garbage)).as(String.valueOf(garbage)).isFalse();
            if (garbage != null) {
                assertThat(TrustedProxies.literal(garbage)).as(garbage).isNull();
            }
        }
    }

    @Test
    void literalsAreParsedWithoutTheResolver() {
        assertThat(TrustedProxies.literal("203.0.113.9")).containsExactly(203, 0, 113, 9);
        assertThat(TrustedProxies.literal("0.0.0.0")).hasSize(4);
        assertThat(TrustedProxies.literal("255.255.255.255")).hasSize(4);
        assertThat(TrustedProxies.literal("2001:db8::1")).hasSize(16);
        assertThat(TrustedProxies.literal("[2001:db8::1]")).hasSize(16);
        assertThat(TrustedProxies.literal("::")).hasSize(16);
    }
}
