package io.rtc.chat.backplane;

import io.smallrye.mutiny.Uni;

/**
 * Carries room messages between chat-service instances. Topics are the hub's
 * ({@code room:<name>}, {@code user:<id>}: see {@code io.rtc.chat.hub.Topics}); the backplane does
 * not read them. The hub delivers to its own members
 * directly and publishes each room message here once; every other instance with members in that
 * room receives it and delivers to its own. Frames are complete SignalR records, so a receiving
 * instance forwards them without parsing.
 */
public interface Backplane {

    /** Starts receiving the room's messages; completes once other instances' messages will arrive. */
    Uni<Void> subscribe(String room);

    /** Stops receiving the room's messages (its last local member left). */
    void unsubscribe(String room);

    /** Sends a frame to the room's members on every other instance. */
    Uni<Void> publish(String room, String frame);

    /** Where frames from other instances go. Set once, before the first subscribe. */
    void receiver(RoomFrameReceiver receiver);

    /** False while the broker is unreachable: cross-instance delivery is paused. */
    boolean connected();

    @FunctionalInterface
    interface RoomFrameReceiver {
        void deliver(String room, String frame);
    }
}
