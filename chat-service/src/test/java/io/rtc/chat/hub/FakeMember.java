package io.rtc.chat.hub;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.rtc.chat.protocol.SharedFrame;
import io.rtc.common.signalr.HubProtocol;
import io.rtc.common.signalr.Invocation;

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
    public void send(SharedFrame frame) {
        ByteBuf record = frame.view(HubProtocol.json());
        try {
            var args = ((Invocation) HubProtocol.json().parse(record.slice(0, record.readableBytes() - 1))).arguments();
            received.add(args.get(0).asText() + ": " + args.get(1).asText());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            record.release();
        }
    }

    List<String> received() {
        return received;
    }
}
