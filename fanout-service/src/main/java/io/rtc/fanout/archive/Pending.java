package io.rtc.fanout.archive;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.rtc.fanout.message.LogMessage;

/** A message received from {@code logs.archive}, waiting to be written, then acknowledged. */
record Pending(LogMessage log, Message<?> delivery) {
}
