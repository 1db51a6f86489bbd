package io.rtc.common.events;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

import io.netty.util.internal.PlatformDependent;

/**
 * Events on their way to the broker. Any thread may {@link #offer} into a lock-free bounded queue
 * (an outage must never slow the caller; what finds it full is counted by {@link Overflow}). One
 * thread, the {@link Loop}, sends them, at most {@code maxInFlight} unconfirmed, and keeps each until
 * the broker confirms it. One not confirmed in time, or refused, is sent again with the same id
 * (consumers deduplicate by id): the client forgets what was in flight when its connection dropped.
 * After such a failure the outbox probes, one event in flight until one is confirmed, so that a long
 * outage does not pile copies into the client; after a quick failure (a refusal, a closed channel) it
 * first waits a second, so a broker that refuses everything is not asked in a tight loop. Order holds
 * while the broker confirms, not across a re-send.
 */
public final class Outbox<E> {

    /** Sends one event; the stage completes when the broker confirmed it, fails when it refused it. */
    public interface Sender<E> {
        CompletionStage<?> send(String id, E event);
    }

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    static final long PAUSE_AFTER_REFUSAL_MILLIS = 1000;

    private final Queue<E> queue = PlatformDependent.newMpscQueue();
    /** Events in the queue: the bound (MPSC array queues would round it up to a power of two). */
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final Overflow overflow;
    private final int maxInFlight;
    private final long timeoutMillis;
    private final Sender<E> sender;
    private final Loop loop;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final LongAdder accepted = new LongAdder();
    // owned by the loop (volatile: metrics read the counters from other threads)
    private final ArrayDeque<Delivery<E>> resend = new ArrayDeque<>();
    private volatile long published;
    private volatile long resent;
    private int inFlight;
    private boolean probing;
    private boolean pausing;

    public Outbox(int capacity, int maxInFlight, Duration confirmTimeout, Sender<E> sender, Loop loop) {
        this.capacity = capacity;
        this.overflow = new Overflow(capacity);
        this.maxInFlight = maxInFlight;
        this.timeoutMillis = confirmTimeout.toMillis();
        this.sender = sender;
        this.loop = loop;
    }

    /** Queues an event without blocking; false (counted, logged) when the outbox is full. */
    public boolean offer(E event) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            overflow.dropped();
            return false;
        }
        accepted.increment(); // before the loop can see it, so that pending() never goes below zero
        queue.offer(event);
        if (drainQueued.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
        return true;
    }

    private void drain() {
        drainQueued.set(false);
        while (!pausing && inFlight < (probing ? 1 : maxInFlight)) {
            Delivery<E> next = resend.poll();
            if (next == null) {
                E event = queue.poll();
                if (event == null) {
                    return;
                }
                queued.decrementAndGet();
                next = new Delivery<>(event, UUID.randomUUID().toString());
            }
            if (!next.confirmed) { // else a late confirm of an earlier attempt made this copy needless
                send(next);
            }
        }
    }

    private void send(Delivery<E> delivery) {
        inFlight++;
        Delivery.Attempt attempt = new Delivery.Attempt();
        attempt.cancelTimer = loop.schedule(timeoutMillis,
                () -> failed(delivery, attempt, "no confirm within " + timeoutMillis + " ms", false));
        CompletionStage<?> result;
        try {
            result = sender.send(delivery.id, delivery.event);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((ok, error) -> loop.execute(() -> {
            if (error == null) {
                confirmed(delivery, attempt);
            } else {
                failed(delivery, attempt, String.valueOf(error.getMessage()), true);
            }
        }));
    }

    /** Also for an attempt already given up on: the broker has the event, and is evidently back. */
    private void confirmed(Delivery<E> delivery, Delivery.Attempt attempt) {
        settle(attempt);
        if (!delivery.confirmed) {
            delivery.confirmed = true;
            published++;
        }
        if (probing) {
            probing = false;
            LOG.infof("RabbitMQ confirms events again; %d waiting", pending());
        }
        drain();
    }

    private void failed(Delivery<E> delivery, Delivery.Attempt attempt, String why, boolean quick) {
        if (!settle(attempt)) {
            return; // a late answer to an attempt already given up on
        }
        if (!delivery.confirmed) { // else another attempt got it through: only the slot is freed
            resent++;
            resend.add(delivery);
            if (!probing) {
                probing = true;
                LOG.warnf("Event %s was not confirmed by RabbitMQ (%s): sending it again, and one event at a time until one is confirmed",
                        delivery.id, why);
            }
            if (quick && !pausing) {
                pausing = true;
                loop.schedule(PAUSE_AFTER_REFUSAL_MILLIS, () -> {
                    pausing = false;
                    drain();
                });
            }
        }
        drain();
    }

    private boolean settle(Delivery.Attempt attempt) {
        if (attempt.settled) {
            return false;
        }
        attempt.settled = true;
        attempt.cancelTimer.run();
        inFlight--;
        return true;
    }

    /** Events confirmed by the broker. */
    public long published() {
        return published;
    }

    /** Events turned away because the outbox was full. */
    public long dropped() {
        return overflow.count();
    }

    /** Events accepted and not yet confirmed: queued, in flight or waiting to be sent again. */
    public long pending() {
        return accepted.sum() - published;
    }

    /** Sends repeated after a missing confirm or a refusal. */
    public long resent() {
        return resent;
    }
}
