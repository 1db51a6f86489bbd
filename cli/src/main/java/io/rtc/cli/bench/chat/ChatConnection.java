package io.rtc.cli.bench.chat;

import io.vertx.core.Future;

/**
 * One member's connection, whatever the protocol: the three chat calls and the one event. Lives
 * on its shard's event loop, like everything it reports.
 */
interface ChatConnection {

    /** What the server does to a member. */
    interface Events {

        /** {@code ReceiveMessage(user, message)}. */
        void received(String user, String message);

        /** The connection ended without {@link #close()}. */
        void closed(String reason);
    }

    /** Completes when the server acknowledged the join. */
    Future<Void> join(String room);

    /** Completes when the server acknowledged the message; fails with the server's error. */
    Future<Void> send(String room, String user, String message);

    boolean isOpen();

    Future<Void> close();
}
