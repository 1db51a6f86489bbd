package io.rtc.chat.session;

/**
 * Stateful reconnect's inbound half: which of the client's trackable messages were processed, so that
 * the ones it resends after a reconnect are ignored, and what to acknowledge.
 */
final class InboundSequence {

    private long next = 1;
    private long latest;
    private long acknowledged;

    /** Numbers the next trackable message; false for a duplicate of one already processed. */
    boolean accept() {
        long id = next++;
        if (id <= latest) {
            return false;
        }
        latest = id;
        return true;
    }

    /** A Sequence message: the client's next trackable message carries this id. */
    boolean reset(long sequenceId) {
        if (sequenceId < 1 || sequenceId > latest + 1) {
            return false; // it would skip messages we never had
        }
        next = sequenceId;
        return true;
    }

    /** The id to acknowledge, or -1 when the client was told about everything already. */
    long toAcknowledge() {
        if (latest == acknowledged) {
            return -1;
        }
        acknowledged = latest;
        return latest;
    }
}
