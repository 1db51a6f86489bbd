package io.rtc.chat.admin;

/** Body of an admin broadcast into a room. */
public record Broadcast(String user, String message) {
}
