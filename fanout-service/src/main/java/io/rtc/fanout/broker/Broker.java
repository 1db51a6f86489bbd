package io.rtc.fanout.broker;

import java.io.IOException;
import java.util.concurrent.CompletionStage;

import io.rtc.fanout.message.LogMessage;

/**
 * Everything fanout-service asks of its message broker, so that the publisher, the archive, the live
 * tail and the shutdown can be tested without one ({@code MemoryBroker}) and run on RabbitMQ
 * ({@code RabbitBroker}). The topology ({@link Topology}: exchange, archive queue, dead letters, named
 * subscriptions) is the implementation's to declare, once, before it reports {@link BrokerState#UP}.
 */
public interface Broker {

    /**
     * Publishes one persistent message to the exchange. The stage completes once the broker confirmed it
     * (it is then in every durable queue bound to the exchange) and fails with {@link BrokerUnavailableException}
     * when the broker refused it, is unreachable or blocks publishing, or the connection dropped before the
     * confirm. Never blocks the caller, which may be an event loop; it may complete on any thread.
     */
    CompletionStage<Void> publish(LogMessage message);

    /**
     * Delivers the messages of a durable queue of the topology to {@code deliveries}, one at a time and in
     * order, at most {@code prefetch} unacknowledged (0: no limit, as in AMQP). Starts when the broker is reachable and again after
     * every reconnection (deliveries not acknowledged before a connection dropped come again).
     */
    Consumption consume(String queue, int prefetch, Deliveries deliveries);

    /**
     * Like {@link #consume}, on a queue of this process's own: server-named, exclusive, bound to the
     * exchange, gone with its connection (the live tail: what is published while it is away is not kept).
     */
    Consumption consumeOwnQueue(int prefetch, Deliveries deliveries);

    BrokerState state();

    /** Why publishing is blocked (the broker's alarm), or null. */
    String blockedReason();

    /**
     * A queue's depth (messages ready, not those delivered and unacknowledged) and consumers (paused ones
     * not counted), or null when it does not exist; IOException while the broker is unreachable. May block:
     * not on an event loop.
     */
    QueueStats stats(String queue) throws IOException;

    /**
     * Receives the deliveries of one consumption, on one thread at a time but not always the same one (the
     * memory engine delivers on the thread that published or acked): it must not block.
     */
    @FunctionalInterface
    interface Deliveries {
        void deliver(Delivery delivery);
    }
}
