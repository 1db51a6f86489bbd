package io.rtc.chat.presence;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A room member as presence knows it: the connection, the instance holding it, when it joined, and for a
 * signed-in connection the user id and display name (both null for an anonymous one).
 */
@RegisterForReflection
public record Member(String connectionId, String instance, String joinedAt, String userId, String name) {

    public Member(String connectionId, String instance, String joinedAt) {
        this(connectionId, instance, joinedAt, null, null);
    }
}
