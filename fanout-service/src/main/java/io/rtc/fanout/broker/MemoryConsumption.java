package io.rtc.fanout.broker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

/**
 * One consumer of a {@link MemoryBroker}. Its state changes under the lock of the {@link MemoryQueues};
 * its deliveries are handed over outside it, by whichever thread finds the hand-over idle.
 */
final class MemoryConsumption implements Consumption {

    private static final Logger LOG = Logger.getLogger(MemoryConsumption.class);

    private final MemoryQueues registry;
    private final boolean own;
    private final int prefetch;
    private final Broker.Deliveries deliveries;
    /** Replaced, for a queue of our own, when the connection comes back: the old one died with it. */
    MemoryQueue queue;
    private final Map<Long, MemoryQueue.Entry> unsettled = new LinkedHashMap<>();
    private final ArrayDeque<Delivery> outbox = new ArrayDeque<>();
    private final AtomicInteger work = new AtomicInteger();
    // held while deliver runs, so that pause can wait out a delivery under way on another thread
    private final ReentrantLock delivering = new ReentrantLock();
    private long nextTag = 1;
    /** Tags below this one were given before the last disconnect: settling them does nothing. */
    private long firstLiveTag = 1;
    private volatile boolean paused;

    MemoryConsumption(MemoryQueues registry, MemoryQueue queue, boolean own, int prefetch, Broker.Deliveries deliveries) {
        this.registry = registry;
        this.queue = queue;
        this.own = own;
        this.prefetch = prefetch;
        this.deliveries = deliveries;
    }

    @Override
    public void ack(long tag, boolean multiple) {
        settle(tag, multiple, false);
    }

    @Override
    public void reject(long tag) {
        settle(tag, false, true);
    }

    private void settle(long tag, boolean multiple, boolean reject) {
        Set<MemoryConsumption> served = new LinkedHashSet<>();
        synchronized (registry) {
            if (tag < firstLiveTag) {
                return;
            }
            // RabbitMQ closes the channel for this: a test should hear of a double ack
            if (!unsettled.containsKey(tag)) {
                throw new IllegalStateException("unknown delivery tag " + tag + " from " + queue.name);
            }
            List<MemoryQueue.Entry> settled = new ArrayList<>();
            if (multiple) {
                // map order is tag order: tags are given increasing
                Iterator<Map.Entry<Long, MemoryQueue.Entry>> entries = unsettled.entrySet().iterator();
                long last;
                do {
                    Map.Entry<Long, MemoryQueue.Entry> entry = entries.next();
                    last = entry.getKey();
                    settled.add(entry.getValue());
                    entries.remove();
                } while (last != tag);
            } else {
                settled.add(unsettled.remove(tag));
            }
            if (reject && queue.deadLetter != null) {
                settled.forEach(entry -> queue.deadLetter.enqueue(entry.message()));
                queue.deadLetter.dispatch(served);
            }
            queue.dispatch(served);
        }
        served.forEach(MemoryConsumption::drain);
    }

    @Override
    public void pause() {
        synchronized (registry) {
            paused = true;
            // the broker counts these as delivered: they stay unsettled, they just never arrive
            outbox.clear();
            if (own) {
                registry.delete(queue);
            }
        }
        delivering.lock();
        delivering.unlock();
    }

    boolean paused() {
        return paused;
    }

    boolean hasRoom() {
        return !paused && (prefetch == 0 || unsettled.size() < prefetch);
    }

    void assign(MemoryQueue.Entry entry) {
        long tag = nextTag++;
        unsettled.put(tag, entry);
        outbox.addLast(new Delivery(entry.message(), tag, this));
    }

    List<MemoryQueue.Entry> unsettled() {
        return new ArrayList<>(unsettled.values());
    }

    /** The connection dropped: what was delivered and not settled is handed back, and its tags go stale. */
    List<MemoryQueue.Entry> takeBack() {
        List<MemoryQueue.Entry> back = unsettled();
        unsettled.clear();
        outbox.clear();
        firstLiveTag = nextTag;
        return back;
    }

    /** Hands over the pending deliveries, unless another thread is at it: that one then takes these too. */
    void drain() {
        if (work.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            for (Delivery next = poll(); next != null; next = poll()) {
                delivering.lock();
                try {
                    if (!paused) {
                        deliveries.deliver(next);
                    }
                } catch (Throwable e) {
                    // an AssertionError too: escaping, it would leave the hand-over marked busy for good
                    LOG.errorf(e, "Delivery %d from %s failed; it stays unacknowledged", next.tag(), queue.name);
                } finally {
                    delivering.unlock();
                }
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    private Delivery poll() {
        synchronized (registry) {
            return paused ? null : outbox.pollFirst();
        }
    }
}
