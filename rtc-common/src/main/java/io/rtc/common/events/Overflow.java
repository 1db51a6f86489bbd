package io.rtc.common.events;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

/**
 * Counts the events a full outbox turns away, and says so in the log: never silently, but at most
 * once every 10 s, since a long outage may drop thousands a second.
 */
final class Overflow {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final long LOG_INTERVAL = TimeUnit.SECONDS.toNanos(10);

    private final int capacity;
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL);
    private volatile long logged;

    Overflow(int capacity) {
        this.capacity = capacity;
    }

    void dropped() {
        dropped.increment();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL && lastLog.compareAndSet(last, now)) {
            long total = dropped.sum();
            LOG.warnf("%d event(s) dropped: the outbox of %d events is full (RabbitMQ away or too slow); %d dropped since start",
                    total - logged, capacity, total);
            logged = total;
        }
    }

    long count() {
        return dropped.sum();
    }
}
