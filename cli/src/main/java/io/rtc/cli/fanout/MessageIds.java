package io.rtc.cli.fanout;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Message ids for the {@code Message-Id} request header of {@code POST /api/logs}: 1 to 128
 * characters of {@code [A-Za-z0-9._:-]}. The server publishes under that id and drops a second
 * message with an id it already took, so a retry with the same id never makes a duplicate.
 */
public final class MessageIds {

    public static final String HEADER = "Message-Id";
    public static final int MAX_LENGTH = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    public static boolean valid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A new UUID version 7 (RFC 9562): time-ordered, so ids sort roughly by when they were made. */
    public static String newId() {
        return uuid7(System.currentTimeMillis(), RANDOM.nextLong(), RANDOM.nextLong()).toString();
    }

    static UUID uuid7(long epochMillis, long randA, long randB) {
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (randA & 0x0FFFL);
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
