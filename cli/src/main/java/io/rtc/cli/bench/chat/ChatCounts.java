package io.rtc.cli.bench.chat;

/**
 * What the chat scenario counts beyond connections (those are in {@link io.rtc.cli.bench.Counts}),
 * for one event loop or, merged, the whole run. Measured-phase messages only, except
 * {@code duplicated}, {@code wrong} and {@code foreign}, which are wrong whenever they happen.
 *
 * @param sent       messages sent in the measured phase
 * @param deliveries first arrivals of measured messages, summed over members
 * @param expected   measured messages times the members of their room that stayed joined to the end
 * @param lost       of those, the ones that never arrived
 * @param wrong      bench messages delivered to the wrong room, under the wrong user, or cut or padded
 * @param foreign    messages that are not the benchmark's (other clients in the room), ignored
 */
record ChatCounts(long joined, long sent, long deliveries, long expected, long lost, long duplicated, long wrong,
                  long foreign) {

    static final ChatCounts ZERO = new ChatCounts(0, 0, 0, 0, 0, 0, 0, 0);

    ChatCounts plus(ChatCounts o) {
        return new ChatCounts(joined + o.joined, sent + o.sent, deliveries + o.deliveries, expected + o.expected,
                lost + o.lost, duplicated + o.duplicated, wrong + o.wrong, foreign + o.foreign);
    }
}
