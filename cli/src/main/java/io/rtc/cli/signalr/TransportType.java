package io.rtc.cli.signalr;

import io.rtc.common.signalr.TransferFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three transports of TransportProtocols.md, by the option's name and by the name negotiate lists. */
public enum TransportType {

    WEBSOCKETS("websockets", "WebSockets"),
    SERVER_SENT_EVENTS("sse", "ServerSentEvents"),
    LONG_POLLING("longpolling", "LongPolling");

    private final String option;
    private final String negotiateName;

    TransportType(String option, String negotiateName) {
        this.option = option;
        this.negotiateName = negotiateName;
    }

    /** The option's name ({@code websockets}, {@code sse}, {@code longpolling}) or the spec's, in any case. */
    public static TransportType parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return Arrays.stream(values())
                .filter(t -> t.option.equals(wanted) || t.negotiateName.toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--transport must be one of "
                        + Arrays.stream(values()).map(t -> t.option).collect(Collectors.joining(", "))
                        + ", not '" + name + "'"));
    }

    /** What {@code --transport} and the reports call it. */
    public String option() {
        return option;
    }

    /** What negotiate's {@code availableTransports} calls it. */
    public String negotiateName() {
        return negotiateName;
    }

    /** Server-Sent Events are a text protocol: binary records cannot travel down them without an encoding SignalR lacks. */
    public boolean carries(TransferFormat format) {
        return this != SERVER_SENT_EVENTS || format == TransferFormat.TEXT;
    }
}
