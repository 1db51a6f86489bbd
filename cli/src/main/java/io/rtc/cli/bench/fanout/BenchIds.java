package io.rtc.cli.bench.fanout;

import io.rtc.cli.fanout.MessageIds;

/**
 * The {@code Message-Id} of every benchmark message: {@code b<run>-<shard>-<seq>}, e.g.
 * {@code bk3v9x2q-1-2047}. The run tag keeps runs apart (the archive outlives them); each event loop
 * (shard) numbers its own messages from 0, so no counter is shared between threads. An id from
 * another publisher, or another run, does not parse: it is foreign. Thread-safe (immutable).
 */
final class BenchIds {

    static final int MAX_SHARDS = 1 << 16;
    private static final int SEQ_BITS = 40;
    private static final long SEQ_MASK = (1L << SEQ_BITS) - 1;

    private final String prefix;

    /** @param run letters and digits, 1 to 32 of them */
    BenchIds(String run) {
        if (run.isEmpty() || run.length() > 32 || !run.chars().allMatch(Character::isLetterOrDigit)
                || !run.chars().allMatch(c -> c < 128)) {
            throw new IllegalArgumentException("run tag must be 1 to 32 ASCII letters or digits: " + run);
        }
        this.prefix = "b" + run + "-";
    }

    String id(int shard, long seq) {
        String id = prefix + shard + "-" + seq;
        assert MessageIds.valid(id) : id;
        return id;
    }

    /** The {@link #key} of one of this run's ids, or -1 for any other id (or null). */
    long parse(String id) {
        return id == null ? -1 : parse(id, 0, id.length());
    }

    /** The same for the id in {@code text[from, to)}, e.g. inside a frame, without cutting it out. */
    long parse(String text, int from, int to) {
        if (to - from <= prefix.length() || !text.startsWith(prefix, from)) {
            return -1;
        }
        int dash = text.indexOf('-', from + prefix.length());
        if (dash < 0 || dash >= to) {
            return -1;
        }
        int shard = digits(text, from + prefix.length(), dash);
        long seq = digits(text, dash + 1, to);
        return shard < 0 || shard >= MAX_SHARDS || seq < 0 || seq > Integer.MAX_VALUE ? -1 : key(shard, seq);
    }

    static long key(int shard, long seq) {
        return (long) shard << SEQ_BITS | seq;
    }

    static int shard(long key) {
        return (int) (key >>> SEQ_BITS);
    }

    static int seq(long key) {
        return (int) (key & SEQ_MASK);
    }

    /** The decimal number in {@code s[from, to)}, or -1 when it is empty, too long or not all digits. */
    private static int digits(String s, int from, int to) {
        if (to <= from || to - from > 10 || (to - from > 1 && s.charAt(from) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
