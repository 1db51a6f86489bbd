package io.rtc.fanout.broker;

import io.rtc.fanout.message.LogMessage;

/**
 * One message handed to a consumer, with the {@link Consumption} that settles it ({@code tag} identifies
 * it there; tags increase in delivery order). A tag from before a reconnection is stale: acking it does
 * nothing (the broker delivers that message again).
 */
public record Delivery(LogMessage message, long tag, Consumption from) {

    public void ack() {
        from.ack(tag, false);
    }

    /** Acknowledges this delivery and every earlier one of its consumption. */
    public void ackUpTo() {
        from.ack(tag, true);
    }

    public void reject() {
        from.reject(tag);
    }
}
