package io.rtc.chat.presence;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A room member as presence knows it: the connection, the instance holding it, when it joined. */
@RegisterForReflection
public record Member(String connectionId, String instance, String joinedAt) {
}
