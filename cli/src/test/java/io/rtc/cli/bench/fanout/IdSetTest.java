package io.rtc.cli.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdSetTest {

    @Test
    void aSecondCopyIsADuplicate() {
        IdSet set = new IdSet(2);
        assertThat(set.add(BenchIds.key(1, 7))).isTrue();
        assertThat(set.add(BenchIds.key(1, 7))).isFalse();
        assertThat(set.add(BenchIds.key(0, 7))).isTrue();
        assertThat(set.contains(BenchIds.key(1, 7))).isTrue();
        assertThat(set.contains(BenchIds.key(1, 8))).isFalse();
        assertThat(set.size()).isEqualTo(2);
    }

    @Test
    void missingCountsWhatWasExpectedAndNotSeen() {
        IdSet expected = of(2, 0, 1, 2, 3);
        expected.add(BenchIds.key(1, 0));
        IdSet seen = of(2, 0, 2, 9);
        assertThat(seen.missingOf(expected)).isEqualTo(3); // 0-1, 0-3, 1-0; 0-9 was not expected
        assertThat(expected.missingOf(expected)).isZero();
    }

    @Test
    void lostAnywhereIsTheUnionOfEachReceiversGaps() {
        IdSet expected = of(1, 0, 1, 2, 3, 4);
        IdSet archive = of(1, 0, 1, 2, 3);     // misses 4
        IdSet tailA = of(1, 0, 1, 2, 3, 4);    // complete
        IdSet tailB = of(1, 1, 2, 3);          // misses 0 and 4
        IdSet lost = IdSet.missingAnywhere(expected, List.of(archive, tailA, tailB));
        assertThat(lost.size()).isEqualTo(2);
        assertThat(lost.contains(BenchIds.key(0, 0))).isTrue();
        assertThat(lost.contains(BenchIds.key(0, 4))).isTrue();
        assertThat(IdSet.missingAnywhere(expected, List.of()).size()).isZero();
        assertThat(of(1, 1).union(of(1, 2, 1)).size()).isEqualTo(2);
    }

    @Test
    void theArchiveWindowLeavesOlderIdsUnchecked() {
        IdSet accepted = of(2, 0, 1, 2, 3);
        accepted.add(BenchIds.key(1, 0));
        IdSet inArchive = of(2, 2, 3);
        int[] lowest = inArchive.lowestSeqs();
        assertThat(lowest).containsExactly(2, -1);
        IdSet checkable = accepted.from(lowest);
        assertThat(checkable.size()).isEqualTo(2);
        assertThat(inArchive.missingOf(checkable)).isZero();
    }

    @Test
    void copiesAreIndependent() {
        IdSet set = of(1, 1);
        IdSet copy = set.copy();
        set.add(BenchIds.key(0, 2));
        assertThat(copy.size()).isEqualTo(1);
        IdSet merged = new IdSet(2);
        IdSet shard1 = new IdSet(2);
        shard1.add(BenchIds.key(1, 5));
        merged.putShard(1, shard1);
        assertThat(merged.contains(BenchIds.key(1, 5))).isTrue();
    }

    private static IdSet of(int shards, long... shard0Seqs) {
        IdSet set = new IdSet(shards);
        for (long seq : shard0Seqs) {
            set.add(BenchIds.key(0, seq));
        }
        return set;
    }
}
