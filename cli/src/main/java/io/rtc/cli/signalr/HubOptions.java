package io.rtc.cli.signalr;

import io.rtc.common.signalr.HubProtocol;
import io.rtc.common.signalr.TransferFormat;
import java.time.Duration;
import java.util.Locale;

/**
 * How the connections to a hub are made: transport, hub protocol, whether to negotiate, and the time
 * each step may take. The combinations no server can serve are refused here, so that {@code rtc chat}
 * and {@code rtc bench chat} refuse them the same way, as usage errors, before anything connects.
 *
 * @param timeout bounds each step: negotiate, the transport's connect, the handshake answer
 */
public record HubOptions(TransportType transport, HubProtocol protocol, boolean skipNegotiation, Duration timeout) {

    /** @throws IllegalArgumentException with the usage error's text */
    public HubOptions {
        if (!transport.carries(protocol.transferFormat())) {
            throw new IllegalArgumentException("--transport " + transport.option() + " carries text only, so it cannot carry"
                    + " --protocol " + protocol.name() + " (binary): use websockets or longpolling");
        }
        if (skipNegotiation && transport != TransportType.WEBSOCKETS) {
            // SSE and long polling find their connection by negotiate's token; only a WebSocket can do without.
            throw new IllegalArgumentException("--skip-negotiation works only with --transport websockets");
        }
    }

    /** {@code json} or {@code messagepack}, in any case. */
    public static HubProtocol protocol(String name) {
        HubProtocol protocol = HubProtocol.named(name.strip().toLowerCase(Locale.ROOT));
        if (protocol == null) {
            throw new IllegalArgumentException("--protocol must be json or messagepack, not '" + name + "'");
        }
        return protocol;
    }

    public TransferFormat format() {
        return protocol.transferFormat();
    }

    /** E.g. {@code json over websockets}, for progress lines and summaries. */
    public String describe() {
        return protocol.name() + " over " + transport.option();
    }
}
