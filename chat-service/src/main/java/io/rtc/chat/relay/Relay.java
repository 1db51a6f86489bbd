package io.rtc.chat.relay;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * Carries HTTP requests for a connection held by another instance to that instance, and the answer
 * back. The Server-Sent Events and Long Polling transports need it: behind a load balancer without
 * sticky sessions a client's sends, polls and deletes for one connection may reach any instance, but
 * only the instance holding the connection can serve them.
 * <p>
 * Requests forwarded from one thread for one connection reach the holder's handler in the order
 * {@link #forward} was called (they leave on one ordered Redis link). A request leaves when
 * {@code forward} is called, not when its Uni is subscribed.
 */
public interface Relay {

    /** Said when no live instance holds the connection, as ASP.NET Core SignalR says it. */
    String NO_CONNECTION = "No Connection with that ID";

    /** This instance holds the connection now (its SSE stream or first poll arrived here): other instances forward its requests here. Completes once they can find it. */
    Uni<Void> hold(String connectionId);

    /** The connection ended here: forget it (others then answer 404). */
    void release(String connectionId);

    /** Sends the request to the instance that holds the connection and completes with its reply; 404 (with a short text body) when no live instance holds it, quickly. */
    Uni<RelayReply> forward(RelayRequest request);

    /** Serves requests that other instances forwarded here. Set once, at start. */
    void handler(Function<RelayRequest, Uni<RelayReply>> handler);
}
