package io.rtc.cli.bench.chat;

/**
 * The text of a benchmark message: {@code <phase>|<senderId>|<seq>|<sendNanos>|} then letters up to
 * the message size, e.g. {@code m|3|1207|81234567890123|abcdefgh...}. Phase 'w' marks warmup
 * messages, 'm' measured ones. System.nanoTime() is comparable across the generator's threads,
 * so the receiving member computes the end-to-end latency itself. Thread-safe (immutable).
 */
final class ChatPayload {

    /** Room for the header with large numbers: 1 + 1 + 10 + 1 + 19 + 1 + 20 + 1, rounded up. */
    static final int MIN_SIZE = 56;
    static final int MAX_SIZE = 64 * 1024;

    private static final char WARMUP = 'w';
    private static final char MEASURED = 'm';

    /** What a member reads from a benchmark message; {@code intact} is false when its length is wrong. */
    record Stamp(boolean measured, int senderId, long seq, long sentNanos, boolean intact) {
    }

    private final int size;
    private final String padding;

    ChatPayload(int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between " + MIN_SIZE + " and " + MAX_SIZE);
        }
        this.size = size;
        StringBuilder letters = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            letters.append((char) ('a' + i % 26));
        }
        this.padding = letters.toString();
    }

    String text(boolean measured, int senderId, long seq, long sentNanos) {
        StringBuilder text = new StringBuilder(size)
                .append(measured ? MEASURED : WARMUP).append('|')
                .append(senderId).append('|')
                .append(seq).append('|')
                .append(sentNanos).append('|');
        return text.append(padding, 0, Math.max(0, size - text.length())).toString();
    }

    /** The stamp of a benchmark message, or null when {@code text} is not one (a foreign message). */
    Stamp parse(String text) {
        if (text.length() < 9 || text.charAt(1) != '|' || (text.charAt(0) != WARMUP && text.charAt(0) != MEASURED)) {
            return null;
        }
        int a = text.indexOf('|', 2);
        int b = a < 0 ? -1 : text.indexOf('|', a + 1);
        int c = b < 0 ? -1 : text.indexOf('|', b + 1);
        if (c < 0) {
            return null;
        }
        try {
            return new Stamp(text.charAt(0) == MEASURED,
                    Integer.parseInt(text, 2, a, 10),
                    Long.parseLong(text, a + 1, b, 10),
                    Long.parseLong(text, b + 1, c, 10),
                    text.length() == size);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
