package io.rtc.chat.hub;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.rtc.chat.backplane.Backplane;
import io.rtc.chat.history.ChatMessage;
import io.rtc.chat.history.History;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.chat.presence.Presence;
import io.rtc.chat.protocol.HubProtocol;
import io.smallrye.mutiny.Uni;

/**
 * The seed's ChatHub: rooms that span every instance. Local members get each room message
 * directly; the backplane carries one copy to the other instances, whose own members get it there.
 */
public final class ChatHub {

    private static final Logger LOG = Logger.getLogger(ChatHub.class);
    static final String RECEIVE = "ReceiveMessage";
    static final String SYSTEM = "System";

    private final LocalRooms rooms = new LocalRooms();
    private final Backplane backplane;
    private final Presence presence;
    private final History history;
    private final HubLimits limits;
    private final ChatMetrics metrics;
    private final HubEvents events;

    public ChatHub(Backplane backplane, Presence presence, History history, HubLimits limits, ChatMetrics metrics) {
        this(backplane, presence, history, limits, metrics, HubEvents.NONE);
    }

    public ChatHub(Backplane backplane, Presence presence, History history, HubLimits limits, ChatMetrics metrics, HubEvents events) {
        this.events = events;
        this.backplane = backplane;
        this.presence = presence;
        this.history = history;
        this.limits = limits;
        this.metrics = metrics;
        backplane.receiver((room, frame) -> metrics.delivered(rooms.deliver(room, frame)));
    }

    public Uni<Void> joinRoom(HubMember member, String room) {
        checkRoom(room);
        @SuppressWarnings("unchecked")
        Uni<Void>[] subscribed = new Uni[] { Uni.createFrom().voidItem() };
        if (!rooms.join(room, member, () -> subscribed[0] = backplane.subscribe(room))) {
            return Uni.createFrom().voidItem();
        }
        member.rooms().add(room);
        events.joined(room, member);
        return subscribed[0]
                .call(() -> presence.join(room, member.connectionId()).onFailure().recoverWithNull())
                .call(() -> notice(room, member.connectionId() + " has joined the room " + room));
    }

    public Uni<Void> leaveRoom(HubMember member, String room) {
        checkRoom(room);
        if (!rooms.leave(room, member, () -> backplane.unsubscribe(room))) {
            return Uni.createFrom().voidItem();
        }
        member.rooms().remove(room);
        events.left(room, member);
        return presence.leave(room, member.connectionId()).onFailure().recoverWithNull()
                .call(() -> notice(room, member.connectionId() + " has left the room " + room));
    }

    /** A message from the admin API: no connection sends it. */
    public Uni<Void> sendMessage(String room, String user, String message) {
        return sendMessage(null, room, user, message);
    }

    /** A message from {@code member} (null: from the admin API), whose user name it becomes. */
    public Uni<Void> sendMessage(HubMember member, String room, String user, String message) {
        checkRoom(room);
        String problem = Names.problem("User name", user, limits.maxUserNameLength());
        if (problem != null) {
            throw new HubException(problem);
        }
        if (member != null) {
            member.userName(user);
        }
        Uni<Void> sent = broadcast(room, user, message); // delivered to this instance's members by now
        events.sent(room, user, member);
        return sent
                .call(() -> history.append(room, user, message).onFailure().transform(HubHistoryFailure::new));
    }

    public Uni<List<ChatMessage>> history(String room, int limit) {
        checkRoom(room);
        if (limit < 1 || limit > limits.historySize()) {
            throw new HubException("limit must be between 1 and " + limits.historySize());
        }
        return history.latest(room, limit).onFailure().transform(e -> new HubException("History is unavailable: " + e.getMessage()));
    }

    /** Leaves every room of a client that went away, with the usual notice to each. */
    public Uni<Void> disconnected(HubMember member) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String room : List.copyOf(member.rooms())) {
            all = all.call(() -> leaveRoom(member, room).onFailure().invoke(e -> LOG.debugf("leave %s: %s", room, e)).onFailure()
                    .recoverWithNull());
        }
        return all;
    }

    /**
     * Puts every local member back into presence: after Redis lost its data (a restart without
     * persistence) or missed joins made while it was away.
     */
    public Uni<Void> reannounce() {
        List<Uni<Void>> joins = new ArrayList<>();
        rooms.forEachMember((room, member) -> joins.add(presence.join(room, member.connectionId())));
        return joins.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(joins).andCollectFailures().replaceWithVoid();
    }

    /**
     * A system notice: the join or leave itself succeeded whatever happens to the notice, so a
     * backplane failure only means the other instances' members miss it (counted, logged).
     */
    private Uni<Void> notice(String room, String text) {
        return broadcast(room, SYSTEM, text).onFailure().invoke(e -> LOG.debugf("notice in %s stayed local: %s", room, e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Sends {@code ReceiveMessage(user, message)} to the room on every instance. */
    public Uni<Void> broadcast(String room, String user, String message) {
        String frame = HubProtocol.invocation(RECEIVE, user, message);
        metrics.delivered(rooms.deliver(room, frame));
        return backplane.publish(room, frame).onFailure().transform(e -> {
            metrics.publishFailed();
            return new HubException("Delivered to this instance's members only: the backplane is unreachable ("
                    + e.getMessage() + ")");
        });
    }

    public LocalRooms localRooms() {
        return rooms;
    }

    private void checkRoom(String room) {
        String problem = Names.problem("Room name", room, limits.maxRoomNameLength());
        if (problem != null) {
            throw new HubException(problem);
        }
    }

    /** The message went out but could not be kept for GetHistory. */
    static final class HubHistoryFailure extends HubException {
        HubHistoryFailure(Throwable cause) {
            super("Message delivered, but not recorded in history: " + cause.getMessage());
        }
    }
}
