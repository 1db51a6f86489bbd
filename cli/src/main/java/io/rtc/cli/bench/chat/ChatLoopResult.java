package io.rtc.cli.bench.chat;

import io.rtc.cli.bench.Counts;
import org.HdrHistogram.Histogram;

/**
 * What one event loop measured, handed over once its connections are closed.
 *
 * @param connectNanos    per member: from the start of its connect to the hub's handshake answer (negotiate,
 *                        upgrade, handshake), the members that connected
 * @param lastOpenedNanos System.nanoTime when the loop's last member connected (0: none did)
 */
record ChatLoopResult(Counts connections, ChatCounts chat, Histogram latencyNanos, Histogram connectNanos,
                      long lastOpenedNanos) {
}
