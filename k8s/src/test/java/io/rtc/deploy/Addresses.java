package io.rtc.deploy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** IP addresses and CIDR blocks, as the services' {@code *_LIMITS_TRUSTED_PROXIES} take them (no DNS lookups). */
final class Addresses {

    private Addresses() {
    }

    /** {@code 10.0.0.0/8} or {@code 10.1.2.3} (a /32), IPv4 or IPv6. */
    record Block(byte[] network, int bits, String text) {

        boolean within(Block outer) {
            if (outer.network.length != network.length || bits < outer.bits) {
                return false;
            }
            for (int i = 0; i < outer.bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((network[i / 8] & mask) != (outer.network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The private ranges: RFC 1918, IPv6 unique local addresses (fc00::/7), loopback. */
    static final List<Block> PRIVATE = List.of(block("10.0.0.0/8"), block("172.16.0.0/12"), block("192.168.0.0/16"),
            block("fc00::/7"), block("127.0.0.0/8"), block("::1/128"));

    /** One address or block; an AssertionError for anything else (a host name, a bad prefix). */
    static Block block(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String ip = slash < 0 ? t : t.substring(0, slash);
        boolean literal = !ip.isEmpty() && (ip.indexOf(':') >= 0 || ip.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
        if (!literal) {
            throw new AssertionError("not an IP address or CIDR block: '" + text + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError("not an IP address: '" + text + "'", e);
        }
        int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
        if (bits < 0 || bits > bytes.length * 8) {
            throw new AssertionError("bad prefix length in '" + text + "'");
        }
        return new Block(bytes, bits, t);
    }

    /** A comma-separated list, as SmallRye Config reads a {@code List<String>}; {@code none} is the empty list. */
    static List<Block> list(String value) {
        List<Block> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank() && !part.trim().equalsIgnoreCase("none")) {
                out.add(block(part));
            }
        }
        return out;
    }

    static boolean isPrivate(Block b) {
        return PRIVATE.stream().anyMatch(b::within);
    }
}
