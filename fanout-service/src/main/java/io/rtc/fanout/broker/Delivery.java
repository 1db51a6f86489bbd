package io.rtc.fanout.broker;

import io.rtc.fanout.message.LogMessage;

/**
 * One message handed to a consumer. {@code tag} identifies it to its {@link Consumption}'s ack and reject;
 * tags increase in delivery order. A tag from before a reconnection is stale: acking it does nothing
 * (the broker delivers that message again).
 */
public record Delivery(LogMessage message, long tag) {
}
