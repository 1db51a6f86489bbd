package io.rtc.chat.backplane;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Uni;

/**
 * A backplane inside one JVM: the embedded default for a single instance without Redis. Several
 * hubs sharing one {@link Bus} behave like instances sharing Redis, which lets the hub's
 * cross-instance logic be tested without a broker.
 */
public final class InMemoryBackplane implements Backplane {

    private final Bus bus;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private volatile RoomFrameReceiver receiver = (room, frame) -> {
    };

    public InMemoryBackplane(Bus bus) {
        this.bus = bus;
        bus.members.add(this);
    }

    @Override
    public Uni<Void> subscribe(String room) {
        rooms.add(room);
        return Uni.createFrom().voidItem();
    }

    @Override
    public void unsubscribe(String room) {
        rooms.remove(room);
    }

    @Override
    public Uni<Void> publish(String room, String frame) {
        for (InMemoryBackplane other : bus.members) {
            if (other != this && other.rooms.contains(room)) {
                other.receiver.deliver(room, frame);
            }
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public void receiver(RoomFrameReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public boolean connected() {
        return true;
    }

    /** The shared medium of the in-memory instances. */
    public static final class Bus {
        private final Set<InMemoryBackplane> members = ConcurrentHashMap.newKeySet();
    }
}
