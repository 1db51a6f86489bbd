package io.rtc.cli.bench.fanout;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The body of a benchmark message: a stamp {@code <phase>|<sendNanos>|<sendWallMicros>|} then letters
 * up to the message size, e.g. {@code m|81234567890123|1795147262345123|abcdef...}. Phase 'w' marks
 * warmup messages, 'm' measured ones. sendNanos (System.nanoTime, comparable across the generator's
 * threads) gives the tail latency wherever the frame arrives, even before the 202; sendWallMicros
 * (epoch microseconds) is compared with the archive's wall-clock {@code archivedAt}.
 * With {@code application/json} the same stamp and padding are wrapped in an object:
 * {@code {"stamp":"m|...|...|","pad":"abc..."}}. Thread-safe (immutable).
 */
final class FanoutPayload {

    /** The stamp with the largest numbers is 1 + 1 + 20 + 1 + 20 + 1 = 44 characters. */
    static final int MIN_TEXT_SIZE = 48;
    /** The same plus the JSON wrapping (21 characters), rounded up. */
    static final int MIN_JSON_SIZE = 72;
    /** fanout-service takes bodies up to 64 KiB. */
    static final int MAX_SIZE = 64 * 1024;

    private static final char WARMUP = 'w';
    private static final char MEASURED = 'm';

    private static final class JsonShape {
        static final String OPEN = "{\"stamp\":\"";
        static final String MIDDLE = "\",\"pad\":\"";
        static final String CLOSE = "\"}";
        static final int OVERHEAD = OPEN.length() + MIDDLE.length() + CLOSE.length();
    }

    /** What a receiver reads from a body. */
    record Stamp(boolean measured, long sendNanos, long sendWallMicros) {
    }

    private final int size;
    private final boolean json;
    private final String padding;

    FanoutPayload(int size, boolean json) {
        int min = minSize(json);
        if (size < min || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between " + min + " and " + MAX_SIZE);
        }
        this.size = size;
        this.json = json;
        StringBuilder letters = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            letters.append((char) ('a' + i % 26));
        }
        this.padding = letters.toString();
    }

    static int minSize(boolean json) {
        return json ? MIN_JSON_SIZE : MIN_TEXT_SIZE;
    }

    static boolean isJson(String contentType) {
        String type = contentType.toLowerCase();
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** Exactly {@code size} bytes (ASCII only). */
    Buffer body(boolean measured, long sendNanos, long sendWallMicros) {
        return Buffer.buffer(text(measured, sendNanos, sendWallMicros).getBytes(StandardCharsets.US_ASCII));
    }

    String text(boolean measured, long sendNanos, long sendWallMicros) {
        StringBuilder stamp = new StringBuilder(size)
                .append(measured ? MEASURED : WARMUP).append('|')
                .append(sendNanos).append('|')
                .append(sendWallMicros).append('|');
        if (!json) {
            return stamp.append(padding, 0, Math.max(0, size - stamp.length())).toString();
        }
        int pad = Math.max(0, size - stamp.length() - JsonShape.OVERHEAD);
        return JsonShape.OPEN + stamp + JsonShape.MIDDLE + padding.substring(0, pad) + JsonShape.CLOSE;
    }

    /**
     * The stamp of a benchmark body, or null when {@code body} is not one. Takes the text form, the
     * JSON form as text, or (for a server that embeds a JSON body as an object) the stamp alone.
     */
    static Stamp parse(String body) {
        return body == null ? null : parse(body, 0);
    }

    /**
     * The stamp of the body that starts at {@code text[start]}, e.g. inside a frame; what follows the
     * stamp's last '|' is not read.
     */
    static Stamp parse(String text, int start) {
        int from = text.startsWith(JsonShape.OPEN, start) ? start + JsonShape.OPEN.length() : start;
        if (text.length() < from + 6 || text.charAt(from + 1) != '|') {
            return null;
        }
        char phase = text.charAt(from);
        if (phase != WARMUP && phase != MEASURED) {
            return null;
        }
        int a = text.indexOf('|', from + 2);
        int b = a < 0 ? -1 : text.indexOf('|', a + 1);
        if (b < 0) {
            return null;
        }
        try {
            return new Stamp(phase == MEASURED, Long.parseLong(text, from + 2, a, 10), Long.parseLong(text, a + 1, b, 10));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
