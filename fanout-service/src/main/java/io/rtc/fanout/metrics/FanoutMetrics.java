package io.rtc.fanout.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rtc.common.limits.Refusals;

/** The service's counters on /q/metrics: plain adders on the hot paths, read by Micrometer at scrape time. */
@Singleton
public class FanoutMetrics {

    private final AtomicInteger tailClients = new AtomicInteger();
    private final LongAdder published = new LongAdder();
    private final LongAdder publishRefused = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder tailSent = new LongAdder();
    private final LongAdder tailDroppedSlow = new LongAdder();
    private final LongAdder archived = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder archiveRetries = new LongAdder();
    private final Refusals refusals;

    public FanoutMetrics(MeterRegistry registry) {
        Gauge.builder("fanout.tail.connections.open", tailClients, AtomicInteger::get)
                .description("Live-tail WebSocket clients connected to this instance").register(registry);
        counter(registry, "fanout.messages.published", published, "Messages published through POST /api/logs and confirmed by the broker");
        counter(registry, "fanout.messages.refused", publishRefused, "Publishes answered 503: not confirmed in time, nacked, or the broker away");
        counter(registry, "fanout.messages.received", received, "Messages received by the live tail from the exchange");
        counter(registry, "fanout.tail.messages.sent", tailSent, "Frames sent to live-tail clients");
        counter(registry, "fanout.tail.clients.dropped.slow", tailDroppedSlow, "Live-tail clients closed (1013) for not reading fast enough");
        counter(registry, "fanout.archive.messages.written", archived, "Messages written to the archive and acknowledged");
        counter(registry, "fanout.archive.duplicates", duplicates, "Messages already in the archive (same id), acknowledged without writing");
        counter(registry, "fanout.archive.dead.lettered", deadLettered, "Messages the archive gave up on, sent to the dead-letter queue");
        counter(registry, "fanout.archive.write.retries", archiveRetries, "Archive writes that failed and were tried again");
        refusals = new Refusals(registry, "fanout.refused",
                "Requests refused before any work: no or bad token, a missing role, a per-address limit of /logs/stream",
                Refusals.UNAUTHENTICATED, Refusals.FORBIDDEN, Refusals.ADDRESS_CONNECTIONS, Refusals.CONNECT_RATE);
    }

    /** One request refused for the reason (a {@link Refusals} constant): {@code fanout_refused_total{reason}}. */
    public void refusedRequest(String reason) {
        refusals.count(reason);
    }

    private static void counter(MeterRegistry registry, String name, LongAdder adder, String description) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(registry);
    }

    public void tailOpened() {
        tailClients.incrementAndGet();
    }

    public void tailClosed() {
        tailClients.decrementAndGet();
    }

    public void published() {
        published.increment();
    }

    public void refused() {
        publishRefused.increment();
    }

    public void received() {
        received.increment();
    }

    public void tailSent(int clients) {
        tailSent.add(clients);
    }

    public void tailDroppedSlow() {
        tailDroppedSlow.increment();
    }

    public void archived(int count) {
        archived.add(count);
    }

    public void duplicates(int count) {
        duplicates.add(count);
    }

    public void deadLettered(int count) {
        deadLettered.add(count);
    }

    public void archiveRetry() {
        archiveRetries.increment();
    }
}
