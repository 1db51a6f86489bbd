package io.rtc.fanout.broker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.rtc.fanout.message.LogMessage;

/**
 * A {@link Broker} inside this process, nothing durable: for unit tests and for running the service
 * without RabbitMQ ({@code fanout.broker.type=memory}). It behaves as the topology does on RabbitMQ
 * (rejects from the archive queue go to its dead-letter queue, other rejects are dropped; consumers of
 * one queue take turns; prefetch 0 is unlimited; acking an unknown tag fails; stats fail while
 * disconnected), and its faults are set by hand. Deliveries run on the thread that made them possible
 * (a publish, an ack, a reconnect), one at a time per consumption, so {@code deliver} must not block.
 */
public final class MemoryBroker implements Broker {

    /** Also the lock of every queue and consumption. */
    private final MemoryQueues queues;
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private volatile String blocked;
    private boolean holding;
    private int refusals;
    private long published;

    public MemoryBroker(Topology topology) {
        queues = new MemoryQueues(topology);
    }

    @Override
    public CompletionStage<Void> publish(LogMessage message) {
        Objects.requireNonNull(message, "message");
        CompletableFuture<Void> confirm = new CompletableFuture<>();
        Set<MemoryConsumption> served = new LinkedHashSet<>();
        boolean hold;
        synchronized (queues) {
            String refusal = refusal();
            if (refusal != null) {
                return CompletableFuture.failedFuture(new BrokerUnavailableException(refusal));
            }
            published++;
            queues.fanOut(message);
            queues.dispatch(served);
            hold = holding;
            if (hold) {
                held.add(confirm);
            }
        }
        served.forEach(MemoryConsumption::drain);
        if (!hold) {
            confirm.complete(null);
        }
        return confirm;
    }

    private String refusal() {
        if (!queues.connected()) {
            return "not connected to the broker";
        }
        if (blocked != null) {
            return "the broker blocks publishing: " + blocked;
        }
        if (refusals > 0) {
            refusals--;
            return "the broker refused the message (nack)";
        }
        return null;
    }

    @Override
    public Consumption consume(String queue, int prefetch, Deliveries deliveries) {
        return open(Objects.requireNonNull(queue, "queue"), prefetch, deliveries);
    }

    @Override
    public Consumption consumeOwnQueue(int prefetch, Deliveries deliveries) {
        return open(null, prefetch, deliveries);
    }

    private Consumption open(String queue, int prefetch, Deliveries deliveries) {
        Set<MemoryConsumption> served = new LinkedHashSet<>();
        MemoryConsumption consumer;
        synchronized (queues) {
            consumer = queues.open(queue, prefetch, deliveries, served);
        }
        served.forEach(MemoryConsumption::drain);
        return consumer;
    }

    @Override
    public BrokerState state() {
        return !queues.connected() ? BrokerState.DOWN : blocked != null ? BrokerState.BLOCKED : BrokerState.UP;
    }

    @Override
    public String blockedReason() {
        return queues.connected() ? blocked : null;
    }

    @Override
    public QueueStats stats(String queue) throws IOException {
        synchronized (queues) {
            return queues.stats(queue);
        }
    }

    /** For tests: a memory or disk alarm, outlasting reconnections; publishes fail at once, naming {@code reason}. */
    public void block(String reason) {
        blocked = Objects.requireNonNull(reason, "reason");
    }

    /** For tests: the alarm is over. */
    public void unblock() {
        blocked = null;
    }

    /** For tests: publishes reach their queues as usual, but their confirms wait for {@link #releaseConfirms}. */
    public void holdConfirms() {
        synchronized (queues) {
            holding = true;
        }
    }

    /** For tests: confirms the held publishes, in their order, on this thread; later ones are confirmed at once. */
    public void releaseConfirms() {
        List<CompletableFuture<Void>> released;
        synchronized (queues) {
            holding = false;
            released = List.copyOf(held);
            held.clear();
        }
        released.forEach(confirm -> confirm.complete(null));
    }

    /** For tests: the next {@code publishes} publishes are nacked and reach no queue. */
    public void refuseNext(int publishes) {
        if (publishes < 0) {
            throw new IllegalArgumentException("publishes " + publishes + " < 0");
        }
        synchronized (queues) {
            refusals = publishes;
        }
    }

    /**
     * For tests: the connection drops. Held confirms fail, unsettled deliveries go back to the front of their
     * queue (their tags go stale), own queues go with their content; nothing is delivered or published until
     * {@link #reconnect}.
     */
    public void disconnect() {
        List<CompletableFuture<Void>> lost;
        synchronized (queues) {
            if (!queues.connected()) {
                return;
            }
            lost = List.copyOf(held);
            held.clear();
            queues.connectionLost();
        }
        lost.forEach(confirm -> confirm.completeExceptionally(
                new BrokerUnavailableException("the connection to the broker dropped before the confirm")));
    }

    /** For tests: connected again; consumers resume, redeliveries first, own ones on fresh queues. */
    public void reconnect() {
        Set<MemoryConsumption> served = new LinkedHashSet<>();
        synchronized (queues) {
            if (queues.connected()) {
                return;
            }
            queues.connectionBack(served);
        }
        served.forEach(MemoryConsumption::drain);
    }

    /** For tests: how many publishes reached the queues (refused ones do not count). */
    public long published() {
        synchronized (queues) {
            return published;
        }
    }

    /** For tests: the messages still in a queue, ready or delivered and unsettled, in queue order. */
    public List<LogMessage> messages(String queue) {
        synchronized (queues) {
            return queues.messages(queue);
        }
    }

    /** For tests: the queues that exist now, the topology's first, then own ones (server-named amq.gen-N). */
    public List<String> queues() {
        synchronized (queues) {
            return queues.names();
        }
    }
}
