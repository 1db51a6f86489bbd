package io.rtc.chat.relay;

import java.time.Duration;

import io.rtc.chat.config.ChatConfig;

/**
 * How long a forwarded request may wait for the holder's reply, and how many may wait at once.
 * A poll may wait {@code pollTimeout} on the holder (that is what a long poll does) plus
 * {@code timeout} for the trip there and back; sends and deletes wait {@code timeout}.
 */
public record RelaySettings(Duration timeout, Duration pollTimeout, int maxPending) {

    public static RelaySettings from(ChatConfig config) {
        return new RelaySettings(config.relay().timeout(), config.longPolling().pollTimeout(), config.relay().maxPending());
    }

    /** How long a poll waits for its reply. */
    Duration pollWait() {
        return pollTimeout.plus(timeout);
    }
}
