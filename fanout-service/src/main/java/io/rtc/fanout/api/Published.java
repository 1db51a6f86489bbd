package io.rtc.fanout.api;

/** The answer to an accepted publish: the message's id. */
@io.quarkus.runtime.annotations.RegisterForReflection
public record Published(String id) {
}
