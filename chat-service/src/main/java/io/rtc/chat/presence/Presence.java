package io.rtc.chat.presence;

import java.util.List;

import io.smallrye.mutiny.Uni;

/** Who is in which room, over every instance; members of an instance that died fade out. */
public interface Presence {

    Uni<Void> join(String room, String connectionId);

    Uni<Void> leave(String room, String connectionId);

    /** Rooms with at least one live member, by name. */
    Uni<List<RoomSummary>> rooms();

    /** The room's live members, by connection id. */
    Uni<List<Member>> members(String room);

    /**
     * Marks a connection token as used until it expires; false when it was already used, here or
     * on another instance (the hub then answers 409).
     */
    Uni<Boolean> claim(String connectionId);

    /** Tells the other instances this one is alive (called periodically). */
    Uni<Void> heartbeat();

    /** Says this instance is going away for good: its members stop counting at once. */
    Uni<Void> retire();
}
