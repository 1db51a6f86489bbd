package io.rtc.chat.hub;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.rtc.chat.backplane.Backplane;
import io.rtc.chat.history.ChatMessage;
import io.rtc.chat.history.History;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.chat.presence.Presence;
import io.rtc.chat.protocol.SharedFrame;
import io.rtc.common.signalr.HubProtocol;
import io.rtc.common.signalr.Invocation;
import io.rtc.common.auth.Identity;
import io.smallrye.mutiny.Uni;

/**
 * The seed's ChatHub: rooms that span every instance. Local members get each room message
 * directly; the backplane carries one copy to the other instances, whose own members get it there.
 * A signed-in user's connections form a target too (SignalR's Clients.User), carried the same way.
 * Signed-in members may use only the rooms their token grants, and only under their own name.
 */
public final class ChatHub {

    private static final Logger LOG = Logger.getLogger(ChatHub.class);
    static final String RECEIVE = "ReceiveMessage";
    static final String SYSTEM = "System";

    private final LocalRooms rooms = new LocalRooms();
    /** Each signed-in user's connections on this instance, by user id. */
    private final LocalRooms users = new LocalRooms();
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
        backplane.receiver(this::fromBackplane);
    }

    private void fromBackplane(String topic, String frame) {
        SharedFrame shared = SharedFrame.fromJson(frame);
        try {
            if (topic.startsWith(Topics.ROOM)) {
                metrics.delivered(rooms.deliver(topic.substring(Topics.ROOM.length()), shared));
            } else if (topic.startsWith(Topics.USER)) {
                metrics.delivered(users.deliver(topic.substring(Topics.USER.length()), shared));
            }
        } finally {
            shared.release();
        }
    }

    public Uni<Void> joinRoom(HubMember member, String room) {
        checkRoom(room);
        checkAccess(member, room, "join");
        if (member.rooms().size() >= limits.roomsPerConnection() && !member.rooms().contains(room)) {
            metrics.refused(ChatMetrics.ROOMS_PER_CONNECTION);
            throw new HubException("This connection is in " + member.rooms().size() + " rooms already, the most one"
                    + " connection may join: leave one first.");
        }
        @SuppressWarnings("unchecked")
        Uni<Void>[] subscribed = new Uni[] { Uni.createFrom().voidItem() };
        if (!rooms.join(room, member, () -> subscribed[0] = backplane.subscribe(Topics.room(room)))) {
            return Uni.createFrom().voidItem();
        }
        member.rooms().add(room);
        events.joined(room, member);
        Identity identity = member.identity();
        return subscribed[0]
                .call(() -> presence.join(room, member.connectionId(), identity == null ? null : identity.subject(),
                        identity == null ? null : identity.name()).onFailure().recoverWithNull())
                .call(() -> notice(room, member.connectionId() + " has joined the room " + room));
    }

    public Uni<Void> leaveRoom(HubMember member, String room) {
        checkRoom(room);
        if (!rooms.leave(room, member, () -> backplane.unsubscribe(Topics.room(room)))) {
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
        Identity identity = member == null ? null : member.identity();
        if (identity != null && !identity.name().equals(user)) {
            metrics.refused(ChatMetrics.NAME_MISMATCH);
            throw new HubException("You are signed in as '" + identity.name() + "': send under that name, not '" + user + "'.");
        }
        if (member != null) {
            checkAccess(member, room, "send to");
            member.userName(user);
        }
        Uni<Void> sent = broadcast(room, user, message); // delivered to this instance's members by now
        events.sent(room, user, member);
        return sent
                .call(() -> history.append(room, user, message).onFailure().transform(HubHistoryFailure::new));
    }

    public Uni<List<ChatMessage>> history(String room, int limit) {
        return history(null, room, limit);
    }

    /** The room's latest messages, for {@code member} (null: the admin API). */
    public Uni<List<ChatMessage>> history(HubMember member, String room, int limit) {
        checkRoom(room);
        if (member != null) {
            checkAccess(member, room, "read");
        }
        if (limit < 1 || limit > limits.historySize()) {
            throw new HubException("limit must be between 1 and " + limits.historySize());
        }
        return history.latest(room, limit).onFailure().transform(e -> new HubException("History is unavailable: " + e.getMessage()));
    }

    /** A signed-in connection opened on this instance: messages to its user reach it from now on. */
    public Uni<Void> userConnected(HubMember member) {
        String user = member.identity().subject();
        @SuppressWarnings("unchecked")
        Uni<Void>[] subscribed = new Uni[] { Uni.createFrom().voidItem() };
        users.join(user, member, () -> subscribed[0] = backplane.subscribe(Topics.user(user)));
        return subscribed[0];
    }

    /**
     * Sends {@code ReceiveMessage(from, message)} to every connection of the user, on every instance
     * (the admin API's Clients.User).
     */
    public Uni<Void> sendToUser(String userId, String from, String message) {
        String problem = Names.problem("User name", from, limits.maxUserNameLength());
        if (problem != null) {
            throw new HubException(problem);
        }
        String frame = deliver(users, userId, from, message);
        return backplane.publish(Topics.user(userId), frame).onFailure().transform(e -> {
            metrics.publishFailed();
            return new HubException("Delivered to this instance's connections only: the backplane is unreachable ("
                    + e.getMessage() + ")");
        });
    }

    /** Leaves every room of a client that went away, with the usual notice to each. */
    public Uni<Void> disconnected(HubMember member) {
        Identity identity = member.identity();
        if (identity != null) {
            users.leave(identity.subject(), member, () -> backplane.unsubscribe(Topics.user(identity.subject())));
        }
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
        rooms.forEachMember((room, member) -> {
            Identity identity = member.identity();
            joins.add(presence.join(room, member.connectionId(), identity == null ? null : identity.subject(),
                    identity == null ? null : identity.name()));
        });
        users.forEachMember((user, member) -> joins.add(presence.connectUser(user, member.connectionId(), 0).replaceWithVoid()));
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
        String frame = deliver(rooms, room, user, message);
        return backplane.publish(Topics.room(room), frame).onFailure().transform(e -> {
            metrics.publishFailed();
            return new HubException("Delivered to this instance's members only: the backplane is unreachable ("
                    + e.getMessage() + ")");
        });
    }

    /** Delivers {@code ReceiveMessage(from, message)} to the local members of a target; returns the JSON record for the backplane. */
    private String deliver(LocalRooms targets, String target, String from, String message) {
        Invocation invocation = Invocation.of(RECEIVE, from, message);
        byte[] json = HubProtocol.json().write(invocation);
        SharedFrame frame = new SharedFrame(invocation, json);
        try {
            metrics.delivered(targets.deliver(target, frame));
        } finally {
            frame.release();
        }
        return new String(json, java.nio.charset.StandardCharsets.UTF_8);
    }

    public LocalRooms localRooms() {
        return rooms;
    }

    /** Refuses a signed-in member a room its token does not grant; nothing is delivered then. */
    private void checkAccess(HubMember member, String room, String action) {
        if (!RoomAccess.allows(member.identity(), room, limits.adminRole())) {
            metrics.refused(ChatMetrics.ROOM_DENIED);
            throw new HubException("You may not " + action + " the room '" + room + "': your token does not grant it.");
        }
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
