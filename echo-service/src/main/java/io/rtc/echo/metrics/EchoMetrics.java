package io.rtc.echo.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The service's own meters, exported on {@code /q/metrics} as {@code echo_*}.
 * Counters are resolved once so the message path only increments.
 */
@Startup // the meters exist from the start, at zero, before the first connection
@ApplicationScoped
public class EchoMetrics {

    private final AtomicInteger openConnections = new AtomicInteger();
    private final Counter textIn;
    private final Counter binaryIn;
    private final Counter messagesOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter rejected;
    private final Counter deadPeers;
    private final Counter protocolErrors;

    public EchoMetrics(MeterRegistry registry) {
        Gauge.builder("echo.connections.open", openConnections, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        textIn = Counter.builder("echo.messages.received").tag("type", "text")
                .description("Messages received from clients").register(registry);
        binaryIn = Counter.builder("echo.messages.received").tag("type", "binary")
                .description("Messages received from clients").register(registry);
        messagesOut = Counter.builder("echo.messages.sent").description("Replies sent to clients").register(registry);
        bytesIn = Counter.builder("echo.bytes.received").description("Payload bytes received").register(registry);
        bytesOut = Counter.builder("echo.bytes.sent").description("Payload bytes sent").register(registry);
        rejected = Counter.builder("echo.connections.rejected")
                .description("Upgrades refused because the instance was full").register(registry);
        deadPeers = Counter.builder("echo.connections.dead")
                .description("Connections dropped because the peer stopped answering pings").register(registry);
        protocolErrors = Counter.builder("echo.protocol.errors")
                .description("Connections closed for bad input (too big, invalid UTF-8, bad framing)").register(registry);
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
        bytesIn.increment(bytesReceived);
        messagesOut.increment();
        bytesOut.increment(bytesSent);
    }

    public void binary(int bytes) {
        binaryIn.increment();
        bytesIn.increment(bytes);
        messagesOut.increment();
        bytesOut.increment(bytes);
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
}
