package io.rtc.cli.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The loss and duplicate accounting of one member. */
class DeliveryLedgerTest {

    @Test
    void everythingOnceMeansNothingLost() {
        DeliveryLedger ledger = new DeliveryLedger(2);
        for (long seq = 0; seq < 10; seq++) {
            assertThat(ledger.record(0, seq, seq >= 3)).isTrue();
            assertThat(ledger.record(1, seq, seq >= 3)).isTrue();
        }

        assertThat(ledger.measuredReceived()).isEqualTo(14);
        assertThat(ledger.lost(new long[] {7, 7}, 0)).isZero();
    }

    @Test
    void theSameSequenceTwiceIsADuplicateAndCountsOnce() {
        DeliveryLedger ledger = new DeliveryLedger(1);

        assertThat(ledger.record(0, 5, true)).isTrue();
        assertThat(ledger.record(0, 5, true)).isFalse();
        assertThat(ledger.record(0, 4, true)).isTrue(); // late but new: not a duplicate
        assertThat(ledger.record(0, 4, true)).isFalse();
        assertThat(ledger.measuredReceived()).isEqualTo(2);
    }

    @Test
    void duplicatesAreTrackedPerSender() {
        DeliveryLedger ledger = new DeliveryLedger(2);

        assertThat(ledger.record(0, 1, true)).isTrue();
        assertThat(ledger.record(1, 1, true)).isTrue();
    }

    @Test
    void missingMeasuredMessagesAreLostPerSender() {
        DeliveryLedger ledger = new DeliveryLedger(2);
        // Sender 0 sent 5 measured messages (seq 2..6), 1 of them missing; sender 1 sent 3, none arrived.
        ledger.record(0, 0, false);
        ledger.record(0, 1, false);
        for (long seq : new long[] {2, 3, 5, 6}) {
            ledger.record(0, seq, true);
        }
        ledger.record(0, 6, true); // a duplicate does not make up for the missing one

        long[] sentBySender = {99, 99, 5, 3}; // this room's senders start at index 2
        assertThat(ledger.lost(sentBySender, 2)).isEqualTo(1 + 3);
    }

    @Test
    void warmupMessagesAreNeverExpected() {
        DeliveryLedger ledger = new DeliveryLedger(1);
        ledger.record(0, 0, false);
        ledger.record(0, 1, true);

        assertThat(ledger.measuredReceived()).isEqualTo(1);
        assertThat(ledger.lost(new long[] {1}, 0)).isZero();
    }
}
