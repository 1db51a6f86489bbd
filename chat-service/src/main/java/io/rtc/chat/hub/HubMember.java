package io.rtc.chat.hub;

import java.util.Set;

import io.netty.util.concurrent.EventExecutor;
import io.rtc.common.auth.Identity;
import io.rtc.chat.protocol.SharedFrame;

/** A connected client as the hub sees it: who it is, which rooms it is in, how to reach it. */
public interface HubMember {

    String connectionId();

    /** The rooms this member joined on this instance (the hub adds and removes them). */
    Set<String> rooms();

    /** Who signed in on this connection; null for an anonymous one. */
    default Identity identity() {
        return null;
    }

    /** The user name this client last sent a message under (SignalR has none per connection); null before. */
    default String userName() {
        return null;
    }

    default void userName(String name) {
    }

    /** Queues a record shared with other members; never blocks. Called on {@link #loop()} when there is one. */
    void send(SharedFrame frame);

    /**
     * The event loop that owns this member's connection, so a delivery to many members can be
     * handed to each loop once rather than once per member; null to be sent to directly.
     */
    default EventExecutor loop() {
        return null;
    }
}
