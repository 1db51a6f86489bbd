package io.rtc.cli.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The drain's test of "everything expected has arrived", summed over event loops. */
class ShardProgressTest {

    // 2 rooms x 2 senders. Room 0: senders 0 and 1 sent 4 + 6 = 10, 3 members still joined -> 30 owed.
    // Room 1: senders 2 and 3 sent 5 + 1 = 6, 2 members still joined -> 12 owed. 42 in all.
    private final ShardProgress first = new ShardProgress(new long[] {4, 0, 5, 0}, new int[] {2, 1}, 20);

    @Test
    void completeWhenAllLoopsTogetherReceivedWhatIsOwed() {
        ShardProgress second = new ShardProgress(new long[] {0, 6, 0, 1}, new int[] {1, 1}, 22);

        assertThat(ShardProgress.complete(List.of(first, second), 2, 2)).isTrue();
        assertThat(ShardProgress.sentBySender(List.of(first, second), 4)).containsExactly(4, 6, 5, 1);
    }

    @Test
    void incompleteWhileOneDeliveryIsMissing() {
        ShardProgress second = new ShardProgress(new long[] {0, 6, 0, 1}, new int[] {1, 1}, 21);

        assertThat(ShardProgress.complete(List.of(first, second), 2, 2)).isFalse();
    }

    @Test
    void membersThatLeftAreNotOwedAnything() {
        ShardProgress second = new ShardProgress(new long[] {0, 6, 0, 1}, new int[] {0, 1}, 12);

        assertThat(ShardProgress.complete(List.of(first, second), 2, 2)).isTrue();
    }
}
