package io.rtc.fanout.api;

/** A refused request's reason, as JSON. */
@io.quarkus.runtime.annotations.RegisterForReflection
public record ApiError(String error) {
}
