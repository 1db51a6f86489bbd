package io.rtc.chat.hub;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtc.chat.protocol.HubProtocol;

/** A member that keeps what it was sent, as "user: message" lines. */
final class FakeMember implements HubMember {

    private final String id;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final List<String> received = new CopyOnWriteArrayList<>();

    FakeMember(String id) {
        this.id = id;
    }

    @Override
    public String connectionId() {
        return id;
    }

    @Override
    public Set<String> rooms() {
        return rooms;
    }

    @Override
    public void send(String frame) {
        try {
            var args = HubProtocol.mapper().readTree(frame.substring(0, frame.length() - 1)).get("arguments");
            received.add(args.get(0).asText() + ": " + args.get(1).asText());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    List<String> received() {
        return received;
    }
}
