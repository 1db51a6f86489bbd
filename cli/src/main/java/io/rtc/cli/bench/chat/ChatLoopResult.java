package io.rtc.cli.bench.chat;

import io.rtc.cli.bench.Counts;
import org.HdrHistogram.Histogram;

/** What one event loop measured, handed over once its connections are closed. */
record ChatLoopResult(Counts connections, ChatCounts chat, Histogram latencyNanos) {
}
