package io.rtc.chat.presence;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A room with members, and how many, over all instances. */
@RegisterForReflection
public record RoomSummary(String name, int members) {
}
