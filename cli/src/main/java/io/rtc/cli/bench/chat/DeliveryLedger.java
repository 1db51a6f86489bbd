package io.rtc.cli.bench.chat;

import java.util.BitSet;

/**
 * One member's record of what reached it from each sender of its room: a bit per sequence number
 * (so a duplicate is caught however late it comes) and the count of distinct measured messages.
 * After the run, what each sender sent in the measured phase minus what arrived is what this
 * member lost. Memory is one bit per message sent to the room, about the deliveries themselves.
 * Single-threaded: the member's event loop, then the coordinator once the loops stopped.
 */
final class DeliveryLedger {

    private final BitSet[] seen;
    private final long[] measured;

    /** @param senders the senders of this member's room, indexed 0 .. senders-1 */
    DeliveryLedger(int senders) {
        this.seen = new BitSet[senders];
        this.measured = new long[senders];
    }

    /** @return true the first time {@code seq} of {@code sender} arrives, false for a duplicate */
    boolean record(int sender, long seq, boolean measuredPhase) {
        if (seq < 0 || seq > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sequence number out of range: " + seq);
        }
        BitSet bits = seen[sender];
        if (bits == null) {
            bits = seen[sender] = new BitSet();
        }
        if (bits.get((int) seq)) {
            return false;
        }
        bits.set((int) seq);
        if (measuredPhase) {
            measured[sender]++;
        }
        return true;
    }

    /** Distinct measured messages received, from all senders. */
    long measuredReceived() {
        long total = 0;
        for (long count : measured) {
            total += count;
        }
        return total;
    }

    /**
     * Measured messages that never arrived.
     *
     * @param measuredSent how many messages each sender sent in the measured phase
     * @param firstSender  where this room's senders start in {@code measuredSent}
     */
    long lost(long[] measuredSent, int firstSender) {
        long lost = 0;
        for (int sender = 0; sender < measured.length; sender++) {
            lost += Math.max(0, measuredSent[firstSender + sender] - measured[sender]);
        }
        return lost;
    }
}
