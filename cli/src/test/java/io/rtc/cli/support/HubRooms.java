package io.rtc.cli.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rtc.common.signalr.Completion;
import io.rtc.common.signalr.HubMessage;
import io.rtc.common.signalr.Invocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link TestChatHub}'s rooms: members, what each is sent, and the history GetHistory reads. Event-loop only. */
final class HubRooms {

    private final Map<String, Set<HubPeer>> rooms = new HashMap<>();
    private final Map<String, List<ObjectNode>> history = new HashMap<>();
    private long flakyCount;
    private long lastHistoryId;

    void join(String room, HubPeer peer) {
        rooms.computeIfAbsent(room, r -> new LinkedHashSet<>()).add(peer);
    }

    void leave(String room, HubPeer peer) {
        rooms.getOrDefault(room, new LinkedHashSet<>()).remove(peer);
    }

    void leaveAll(HubPeer peer) {
        rooms.values().forEach(members -> members.remove(peer));
    }

    /** A notice of the hub's (user System): to every member, not kept in the history. */
    void broadcast(String room, String user, String message) {
        deliver(room, user, message, null, null, 1, null);
    }

    /**
     * A member's message: kept in the history and delivered to every member, the caller's copy in one
     * frame with its Completion. {@code flaky}: one member misses every 5th message, and every 7th
     * comes twice.
     */
    void send(String room, String user, String message, HubPeer caller, Completion completion, boolean flaky) {
        ObjectNode kept = JsonNodeFactory.instance.objectNode().put("id", Long.toString(++lastHistoryId))
                .put("user", user).put("message", message).put("timestamp", Instant.now().toString());
        history.computeIfAbsent(room, r -> new ArrayList<>()).add(kept);
        int copies = 1;
        HubPeer skip = null;
        if (flaky) {
            flakyCount++;
            copies = flakyCount % 7 == 0 ? 2 : 1;
            skip = flakyCount % 5 == 0 ? rooms.get(room).stream().reduce((a, b) -> b).orElse(null) : null;
        }
        deliver(room, user, message, caller, completion, copies, skip);
    }

    /** The last {@code limit} messages of the room, oldest first, as chat-service's GetHistory gives them. */
    ArrayNode history(String room, int limit) {
        List<ObjectNode> kept = history.getOrDefault(room, List.of());
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        kept.subList(Math.max(0, kept.size() - limit), kept.size()).forEach(result::add);
        return result;
    }

    private void deliver(String room, String user, String message, HubPeer caller, Completion completion, int copies,
                         HubPeer skip) {
        Invocation receive = Invocation.of("ReceiveMessage", user, message);
        boolean callerServed = false;
        for (HubPeer member : rooms.getOrDefault(room, Set.of())) {
            List<HubMessage> frame = new ArrayList<>();
            for (int i = 0; member != skip && i < copies; i++) {
                frame.add(receive);
            }
            if (member == caller) {
                callerServed = true;
                if (completion != null) {
                    frame.add(completion);
                }
            }
            member.send(frame);
        }
        if (caller != null && !callerServed && completion != null) {
            caller.send(List.of(completion));
        }
    }
}
