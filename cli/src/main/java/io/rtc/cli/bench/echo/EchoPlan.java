package io.rtc.cli.bench.echo;

import io.rtc.cli.ws.WsEndpoint;
import java.time.Duration;
import java.util.List;

/**
 * Everything an echo run needs to know, validated.
 *
 * @param localAddresses source addresses used round-robin; a single {@code null} means "any"
 * @param idle           open, verify one message per connection, then only hold the connections
 */
record EchoPlan(
        WsEndpoint endpoint,
        int connections,
        int window,
        int size,
        boolean binary,
        boolean idle,
        int threads,
        List<String> localAddresses,
        int connectConcurrency,
        Duration connectTimeout,
        Duration replyTimeout,
        Duration warmup,
        Duration duration) {

    /** Messages each connection keeps in flight: an idle connection sends only its first one. */
    int effectiveWindow() {
        return idle ? 1 : window;
    }
}
