package io.rtc.cli.signalr;

import io.rtc.common.signalr.TransferFormat;
import java.util.List;
import java.util.Map;

/**
 * A negotiate answer that names a connection: the id to present as {@code ?id=}, and the transports
 * the server offers with their transfer formats ({@code "WebSockets" -> ["Text", "Binary"]}).
 */
public record Negotiated(String connectionToken, Map<String, List<String>> transports) {

    public Negotiated {
        transports = Map.copyOf(transports);
    }

    /**
     * The connection token, once the server offers {@code transport} with {@code format}: the official
     * clients too skip a transport the server does not list rather than try it.
     *
     * @throws HubException saying what the server offers instead
     */
    public String tokenFor(TransportType transport, TransferFormat format) {
        List<String> formats = transports.get(transport.negotiateName());
        if (formats == null) {
            String offered = String.join(", ", transports.keySet().stream().sorted().toList());
            throw new HubException("the server does not offer the " + transport.negotiateName() + " transport"
                    + (offered.isEmpty() ? "" : " (it offers " + offered + ")"));
        }
        String wanted = format == TransferFormat.TEXT ? "Text" : "Binary";
        if (!formats.contains(wanted)) {
            throw new HubException("the server offers " + transport.negotiateName() + " without the " + wanted
                    + " transfer format (only " + String.join(", ", formats) + ")");
        }
        return connectionToken;
    }
}
