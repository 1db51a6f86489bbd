package io.rtc.chat.history;

import java.util.List;

import io.smallrye.mutiny.Uni;

/** The latest messages of each room, kept for clients that join late or reconnect. */
public interface History {

    /** Records a message; the stored entry (with its id and timestamp) when done. */
    Uni<ChatMessage> append(String room, String user, String message);

    /** Up to {@code limit} latest messages of the room, oldest first. */
    Uni<List<ChatMessage>> latest(String room, int limit);
}
