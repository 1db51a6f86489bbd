package io.rtc.common.signalr;

/** Stateful reconnect: every trackable message up to {@code sequenceId} arrived and may leave the replay buffer. */
public record Ack(long sequenceId) implements HubMessage {

    @Override
    public int type() {
        return ACK;
    }
}
