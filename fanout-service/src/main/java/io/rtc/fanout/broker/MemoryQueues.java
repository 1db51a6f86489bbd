package io.rtc.fanout.broker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.rtc.fanout.message.LogMessage;

/**
 * The queues of a {@link MemoryBroker} and who consumes them. Its monitor is the broker's one lock: every
 * method here, and every change to a {@link MemoryQueue} or {@link MemoryConsumption}, runs holding it.
 */
final class MemoryQueues {

    private static final String OWN_QUEUE_PREFIX = "amq.gen-";

    private final Map<String, MemoryQueue> byName = new LinkedHashMap<>();
    private final List<MemoryQueue> durable = new ArrayList<>();
    private final List<MemoryQueue> bound = new ArrayList<>();
    private final List<MemoryConsumption> ownConsumers = new ArrayList<>();
    private long ownQueues;
    /** Whether the broker's connection is up: own queues exist, and deliveries flow, only then. */
    private volatile boolean connected = true;

    MemoryQueues(Topology topology) {
        MemoryQueue deadLetters = new MemoryQueue(topology.deadLetterQueue(), null);
        durable.add(deadLetters);
        durable.add(new MemoryQueue(topology.archiveQueue(), deadLetters));
        topology.subscriptionQueues().forEach(name -> durable.add(new MemoryQueue(name, null)));
        durable.forEach(queue -> byName.put(queue.name, queue));
        topology.boundQueues().forEach(name -> bound.add(byName.get(name)));
    }

    boolean connected() {
        return connected;
    }

    /** Fails while disconnected, as the passive declare behind it would. */
    QueueStats stats(String name) throws IOException {
        if (!connected) {
            throw new IOException("not connected to the broker");
        }
        MemoryQueue queue = byName.get(name);
        return queue == null ? null : queue.stats();
    }

    List<LogMessage> messages(String name) {
        MemoryQueue queue = byName.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("no queue " + name);
        }
        return queue.messages();
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** A consumer of the durable queue {@code name}, or with null of a fresh queue of its own. */
    MemoryConsumption open(String name, int prefetch, Broker.Deliveries deliveries, Set<MemoryConsumption> served) {
        Objects.requireNonNull(deliveries, "deliveries");
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch " + prefetch + " < 0");
        }
        boolean own = name == null;
        MemoryQueue queue = own ? declareOwn() : byName.get(name);
        if (queue == null || !own && !durable.contains(queue)) {
            throw new IllegalArgumentException("no durable queue " + name + " in the topology");
        }
        MemoryConsumption consumer = new MemoryConsumption(this, queue, own, prefetch, deliveries);
        queue.consumers.add(consumer);
        if (own) {
            ownConsumers.add(consumer);
        }
        dispatch(served);
        return consumer;
    }

    /** A fresh server-named queue; asked for while disconnected, it is born deleted (reconnecting declares another). */
    private MemoryQueue declareOwn() {
        MemoryQueue queue = new MemoryQueue(OWN_QUEUE_PREFIX + ++ownQueues, null);
        if (connected) {
            byName.put(queue.name, queue);
        } else {
            queue.delete();
        }
        return queue;
    }

    void delete(MemoryQueue queue) {
        queue.delete();
        byName.remove(queue.name);
    }

    /** Into every queue bound to the exchange: the durable ones and our own (a deleted one takes nothing). */
    void fanOut(LogMessage message) {
        bound.forEach(queue -> queue.enqueue(message));
        ownConsumers.forEach(consumer -> consumer.queue.enqueue(message));
    }

    void dispatch(Set<MemoryConsumption> served) {
        if (connected) {
            byName.values().forEach(queue -> queue.dispatch(served));
        }
    }

    /** The connection dropped: durable queues get back what was unsettled, our own queues are gone. */
    void connectionLost() {
        connected = false;
        for (MemoryQueue queue : durable) {
            List<MemoryQueue.Entry> back = new ArrayList<>();
            queue.consumers.forEach(consumer -> back.addAll(consumer.takeBack()));
            queue.consumers.removeIf(MemoryConsumption::paused);
            queue.requeue(back);
        }
        ownConsumers.forEach(consumer -> {
            consumer.takeBack();
            delete(consumer.queue);
        });
        ownConsumers.removeIf(MemoryConsumption::paused);
    }

    /** As the client's topology recovery does: each own consumer still running gets a fresh queue. */
    void connectionBack(Set<MemoryConsumption> served) {
        connected = true;
        // paused while disconnected: its queue went with the connection and no other is declared for it
        ownConsumers.removeIf(MemoryConsumption::paused);
        ownConsumers.forEach(consumer -> {
            consumer.queue = declareOwn();
            consumer.queue.consumers.add(consumer);
        });
        dispatch(served);
    }
}
