package io.rtc.echo.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.rtc.common.limits.Refusals;

/**
 * The service's own meters, exported on {@code /q/metrics} as {@code echo_*}.
 * The message path only adds to plain {@link LongAdder}s; Micrometer reads them when scraped,
 * which keeps its composite-registry dispatch off the hot path.
 */
@Startup // the meters exist from the start, at zero, before the first connection
@Singleton // no client proxy between the message path and the adders
public class EchoMetrics {

    private final AtomicInteger openConnections = new AtomicInteger();
    private final LongAdder textIn = new LongAdder();
    private final LongAdder binaryIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder deadPeers = new LongAdder();
    private final LongAdder protocolErrors = new LongAdder();
    private final LongAdder framesThrottled = new LongAdder();
    private final Refusals refusals;

    public EchoMetrics(MeterRegistry registry) {
        Gauge.builder("echo.connections.open", openConnections, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        counter(registry, "echo.messages.received", textIn, "Messages received from clients", "type", "text");
        counter(registry, "echo.messages.received", binaryIn, "Messages received from clients", "type", "binary");
        counter(registry, "echo.messages.sent", messagesOut, "Replies sent to clients");
        counter(registry, "echo.bytes.received", bytesIn, "Payload bytes received");
        counter(registry, "echo.bytes.sent", bytesOut, "Payload bytes sent");
        counter(registry, "echo.connections.rejected", rejected, "Upgrades refused because the instance was full");
        counter(registry, "echo.connections.dead", deadPeers, "Connections dropped because the peer stopped answering pings");
        counter(registry, "echo.protocol.errors", protocolErrors,
                "Connections closed for bad input (too big, invalid UTF-8, bad framing)");
        counter(registry, "echo.frames.throttled", framesThrottled,
                "Frames held back (answered later, in order) because their connection was over echo.limits.frame-rate");
        refusals = new Refusals(registry, "echo.refused", "Upgrades refused with 429 for a per-address limit",
                Refusals.ADDRESS_CONNECTIONS, Refusals.CONNECT_RATE);
    }

    private static void counter(MeterRegistry registry, String name, LongAdder adder, String description, String... tags) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).tags(tags).register(registry);
    }

    public int open() {
        return openConnections.get();
    }

    public int opened() {
        return openConnections.incrementAndGet();
    }

    public void closed() {
        openConnections.decrementAndGet();
    }

    public void text(int bytesReceived, int bytesSent) {
        textIn.increment();
        bytesIn.add(bytesReceived);
        messagesOut.increment();
        bytesOut.add(bytesSent);
    }

    public void binary(int bytes) {
        binaryIn.increment();
        bytesIn.add(bytes);
        messagesOut.increment();
        bytesOut.add(bytes);
    }

    public void rejected() {
        rejected.increment();
    }

    public void deadPeer() {
        deadPeers.increment();
    }

    public void protocolError() {
        protocolErrors.increment();
    }

    public void frameThrottled() {
        framesThrottled.increment();
    }

    /** Upgrades refused per reason ({@code echo_refused_total{reason}}). */
    public Refusals refusals() {
        return refusals;
    }
}
