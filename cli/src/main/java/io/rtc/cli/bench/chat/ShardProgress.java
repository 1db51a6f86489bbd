package io.rtc.cli.bench.chat;

/**
 * One event loop's view while draining: what its senders sent in the measured phase (indexed by
 * sender id, zero for senders elsewhere), how many of its members are still joined per room, and
 * how many measured messages those members have received. Summed over loops, it tells whether
 * every expected delivery has arrived, so the drain can end early.
 */
record ShardProgress(long[] measuredSentBySender, int[] joinedByRoom, long measuredReceived) {

    /** Whether {@code parts} together have received everything their senders sent in the measured phase. */
    static boolean complete(Iterable<ShardProgress> parts, int rooms, int sendersPerRoom) {
        long[] sentByRoom = new long[rooms];
        long[] joinedByRoom = new long[rooms];
        long received = 0;
        for (ShardProgress part : parts) {
            for (int sender = 0; sender < part.measuredSentBySender.length; sender++) {
                sentByRoom[sender / sendersPerRoom] += part.measuredSentBySender[sender];
            }
            for (int room = 0; room < rooms; room++) {
                joinedByRoom[room] += part.joinedByRoom[room];
            }
            received += part.measuredReceived;
        }
        long expected = 0;
        for (int room = 0; room < rooms; room++) {
            expected += sentByRoom[room] * joinedByRoom[room];
        }
        return received >= expected;
    }

    /** Measured messages per sender id, over all loops. */
    static long[] sentBySender(Iterable<ShardProgress> parts, int senders) {
        long[] total = new long[senders];
        for (ShardProgress part : parts) {
            for (int sender = 0; sender < senders; sender++) {
                total[sender] += part.measuredSentBySender[sender];
            }
        }
        return total;
    }
}
