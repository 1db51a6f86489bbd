package io.rtc.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Addresses and CIDR blocks (IPv4 or IPv6) of the proxies whose {@code X-Forwarded-For} is believed. */
public final class TrustedProxies {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|[01]?\\d?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[0-9A-Za-z._-]+)?");

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Parses {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}; {@code none} or an empty list trusts no one. */
    public static TrustedProxies of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            String text = entry.trim();
            if (text.isEmpty() || text.equalsIgnoreCase("none")) {
                continue;
            }
            int slash = text.indexOf('/');
            byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR block: " + text);
            }
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in " + text);
            }
            blocks.add(new Block(address, bits));
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** True when the address (an IP literal) is one of the trusted proxies. */
    public boolean trusts(String ip) {
        if (blocks.isEmpty() || ip == null) {
            return false;
        }
        byte[] address = literal(ip.trim());
        if (address == null) {
            return false;
        }
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IP literal; null for anything else (never a DNS lookup). */
    static byte[] literal(String text) {
        String ip = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        // only what InetAddress parses as a literal: anything else (999.1.1.1, 1.2.3, zz:1) it would look up in DNS
        boolean looksLikeIp = IPV4.matcher(ip).matches() || ip.indexOf(':') >= 0 && IPV6.matcher(ip).matches();
        if (!looksLikeIp) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(ip).getAddress();
            // an IPv4-mapped IPv6 literal comes back as 4 bytes already; keep it comparable with IPv4 blocks
            return bytes;
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private record Block(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
