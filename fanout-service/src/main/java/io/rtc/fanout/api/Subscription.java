package io.rtc.fanout.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One durable subscription: its name, its queue, whether the queue exists, messages waiting in it and consumers attached. */
@RegisterForReflection
public record Subscription(String name, String queue, boolean declared, long depth, long consumers) {
}
