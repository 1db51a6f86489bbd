package io.rtc.chat.presence;

import java.util.List;

import io.smallrye.mutiny.Uni;

/** Who is in which room, over every instance; members of an instance that died fade out. */
public interface Presence {

    /** The connection is in the room; {@code userId} and {@code name} are null for an anonymous one. */
    Uni<Void> join(String room, String connectionId, String userId, String name);

    default Uni<Void> join(String room, String connectionId) {
        return join(room, connectionId, null, null);
    }

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

    /**
     * Counts a connection of a signed-in user over all instances, unless the user holds {@code max} already
     * (0: no limit); false, and not counted, then. Connections of dead instances do not count.
     */
    Uni<Boolean> connectUser(String userId, String connectionId, int max);

    Uni<Void> disconnectUser(String userId, String connectionId);

    /** Connections the user holds on live instances. */
    Uni<Integer> userConnections(String userId);

    /** Tells the other instances this one is alive (called periodically). */
    Uni<Void> heartbeat();

    /** Says this instance is going away for good: its members stop counting at once. */
    Uni<Void> retire();
}
