package io.rtc.fanout.broker;

/** A queue as the broker reports it: messages ready in it and consumers attached. */
public record QueueStats(String queue, long messages, long consumers) {
}
