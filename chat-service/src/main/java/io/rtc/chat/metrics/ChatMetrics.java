package io.rtc.chat.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rtc.common.limits.Refusals;

/**
 * The hub's counters on /q/metrics. Plain adders on the hot path; Micrometer reads them at scrape
 * time, so a delivery to a thousand members costs one add, not a thousand meter updates.
 */
@Singleton
public class ChatMetrics {

    /** Reasons of {@code chat_refused_total}, beside rtc-common's {@code Refusals} ones. */
    public static final String USER_CONNECTIONS = "user_connections";
    public static final String MESSAGE_RATE = "message_rate";
    public static final String MESSAGE_HARD_LIMIT = "message_hard_limit";
    public static final String ROOMS_PER_CONNECTION = "rooms_per_connection";
    public static final String ROOM_DENIED = "room_denied";
    public static final String NAME_MISMATCH = "name_mismatch";
    public static final String TOKEN_EXPIRED = "token_expired";

    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder invocationErrors = new LongAdder();
    private final LongAdder protocolErrors = new LongAdder();
    private final LongAdder publishFailures = new LongAdder();
    private final LongAdder slowClients = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final Refusals refusals;

    public ChatMetrics(MeterRegistry registry) {
        Gauge.builder("chat.connections.open", open, AtomicInteger::get)
                .description("Hub connections currently open on this instance").register(registry);
        counter(registry, "chat.messages.received", received, "Hub messages received from clients");
        counter(registry, "chat.messages.sent", sent, "Records sent to a single client (completions, pings, handshakes); room messages count as delivered");
        counter(registry, "chat.messages.delivered", delivered, "Room messages delivered to this instance's members");
        counter(registry, "chat.invocation.errors", invocationErrors, "Invocations answered with an error");
        counter(registry, "chat.protocol.errors", protocolErrors, "Connections closed for breaking the hub protocol");
        counter(registry, "chat.backplane.publish.failures", publishFailures, "Room messages the backplane could not carry");
        counter(registry, "chat.clients.dropped.slow", slowClients, "Clients dropped for not reading fast enough");
        counter(registry, "chat.clients.timed.out", timedOut, "Clients dropped after the handshake or client timeout");
        refusals = new Refusals(registry, "chat.refused", "Requests, connections and invocations refused, by reason",
                Refusals.UNAUTHENTICATED, Refusals.FORBIDDEN, Refusals.ADDRESS_CONNECTIONS, Refusals.CONNECT_RATE,
                USER_CONNECTIONS, MESSAGE_RATE, MESSAGE_HARD_LIMIT, ROOMS_PER_CONNECTION, ROOM_DENIED, NAME_MISMATCH,
                TOKEN_EXPIRED);
    }

    public void refused(String reason) {
        refusals.count(reason);
    }

    private static void counter(MeterRegistry registry, String name, LongAdder adder, String description) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(registry);
    }

    public void opened() {
        open.incrementAndGet();
    }

    public void closed() {
        open.decrementAndGet();
    }

    public void received() {
        received.increment();
    }

    public void sent() {
        sent.increment();
    }

    public void delivered(int members) {
        delivered.add(members);
    }

    public void invocationFailed() {
        invocationErrors.increment();
    }

    public void protocolError() {
        protocolErrors.increment();
    }

    public void publishFailed() {
        publishFailures.increment();
    }

    public void droppedSlow() {
        slowClients.increment();
    }

    public void timedOut() {
        timedOut.increment();
    }
}
