package io.rtc.cli.bench.fanout;

import java.util.BitSet;
import java.util.List;

/**
 * A set of this run's message ids, as one bit per sequence number per shard (see {@link BenchIds}):
 * what one receiver (a tail client, the archive) saw, or what the server confirmed. Memory is one bit
 * per message sent. Single-threaded; {@link #copy()} hands a snapshot to another thread.
 */
final class IdSet {

    private final BitSet[] shards;

    IdSet(int shardCount) {
        this.shards = new BitSet[shardCount];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = new BitSet();
        }
    }

    private IdSet(BitSet[] shards) {
        this.shards = shards;
    }

    /** @return true the first time, false for an id already in the set (a duplicate) */
    boolean add(long key) {
        int shard = BenchIds.shard(key);
        if (shard >= shards.length) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards.length);
        }
        int seq = BenchIds.seq(key);
        BitSet bits = shards[shard];
        if (bits.get(seq)) {
            return false;
        }
        bits.set(seq);
        return true;
    }

    boolean contains(long key) {
        int shard = BenchIds.shard(key);
        return shard < shards.length && shards[shard].get(BenchIds.seq(key));
    }

    long size() {
        long total = 0;
        for (BitSet bits : shards) {
            total += bits.cardinality();
        }
        return total;
    }

    /** How many ids of {@code expected} are not in this set. */
    long missingOf(IdSet expected) {
        long missing = 0;
        for (int s = 0; s < expected.shards.length; s++) {
            BitSet gap = (BitSet) expected.shards[s].clone();
            if (s < shards.length) {
                gap.andNot(shards[s]);
            }
            missing += gap.cardinality();
        }
        return missing;
    }

    /** The ids of {@code expected} that are missing from at least one of {@code receivers}. */
    static IdSet missingAnywhere(IdSet expected, List<IdSet> receivers) {
        BitSet[] result = new BitSet[expected.shards.length];
        for (int s = 0; s < result.length; s++) {
            result[s] = new BitSet();
            for (IdSet receiver : receivers) {
                BitSet gap = (BitSet) expected.shards[s].clone();
                if (s < receiver.shards.length) {
                    gap.andNot(receiver.shards[s]);
                }
                result[s].or(gap);
            }
        }
        return new IdSet(result);
    }

    /** Only the ids of shard s from {@code fromSeq[s]} on (inclusive); a negative bound drops the whole shard. */
    IdSet from(int[] fromSeq) {
        BitSet[] result = new BitSet[shards.length];
        for (int s = 0; s < shards.length; s++) {
            result[s] = (BitSet) shards[s].clone();
            if (fromSeq[s] < 0) {
                result[s].clear();
            } else if (fromSeq[s] > 0) {
                result[s].clear(0, fromSeq[s]);
            }
        }
        return new IdSet(result);
    }

    /** The lowest sequence number of each shard, -1 for a shard with none. */
    int[] lowestSeqs() {
        int[] lowest = new int[shards.length];
        for (int s = 0; s < shards.length; s++) {
            lowest[s] = shards[s].nextSetBit(0);
        }
        return lowest;
    }

    /** The ids in this set or in {@code other}. */
    IdSet union(IdSet other) {
        BitSet[] result = new BitSet[Math.max(shards.length, other.shards.length)];
        for (int s = 0; s < result.length; s++) {
            result[s] = s < shards.length ? (BitSet) shards[s].clone() : new BitSet();
            if (s < other.shards.length) {
                result[s].or(other.shards[s]);
            }
        }
        return new IdSet(result);
    }

    IdSet copy() {
        BitSet[] result = new BitSet[shards.length];
        for (int s = 0; s < shards.length; s++) {
            result[s] = (BitSet) shards[s].clone();
        }
        return new IdSet(result);
    }

    /** This set with shard {@code index} of {@code part} put in (the shards' own sets merged into one). */
    void putShard(int index, IdSet part) {
        shards[index] = (BitSet) part.shards[index].clone();
    }
}
