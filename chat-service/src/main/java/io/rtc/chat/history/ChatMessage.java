package io.rtc.chat.history;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One message of a room's history, as GetHistory returns it: id is its position in the room's stream. */
@RegisterForReflection
public record ChatMessage(String id, String user, String message, String timestamp) {
}
