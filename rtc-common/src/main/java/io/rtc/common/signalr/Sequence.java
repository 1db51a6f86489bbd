package io.rtc.common.signalr;

/** Stateful reconnect: the first message after a reconnect, with the id of the next trackable message to come. */
public record Sequence(long sequenceId) implements HubMessage {

    @Override
    public int type() {
        return SEQUENCE;
    }
}
