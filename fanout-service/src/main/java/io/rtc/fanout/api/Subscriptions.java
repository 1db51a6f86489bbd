package io.rtc.fanout.api;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of {@code GET /api/subscriptions}: the subscriptions and the archive's dead letters waiting. */
@RegisterForReflection
public record Subscriptions(List<Subscription> subscriptions, long deadLetters) {
}
