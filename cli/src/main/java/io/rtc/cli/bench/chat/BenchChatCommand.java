package io.rtc.cli.bench.chat;

import io.rtc.cli.ExitCodes;
import io.rtc.cli.auth.AccessToken;
import io.rtc.cli.auth.TokenMinter;
import io.rtc.cli.bench.Progress;
import io.rtc.cli.bench.ReportPrinter;
import io.rtc.cli.bench.RunOptions;
import io.rtc.cli.signalr.HubOptions;
import io.rtc.cli.signalr.HubUrl;
import io.rtc.cli.signalr.TransportType;
import io.rtc.cli.socketio.SocketIoUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Open-loop load on room chat, over SignalR (chat-service: JSON or MessagePack over WebSockets, Server-Sent "
                        + "Events or long polling) or Socket.IO (bench/peers/socketio-chat.js): "
                        + "ROOMS x MEMBERS clients join their rooms, then SENDERS members per room each send RATE messages "
                        + "per second on a fixed schedule, whatever the server does.",
                "Every member checks every message of its room: end-to-end latency (send to delivery), duplicates, "
                        + "and, after the drain, every measured message that never arrived (lost).",
                "Exit code 1 if a client failed to connect or join, or anything was lost, duplicated, misrouted or failed."})
public class BenchChatCommand implements Callable<Integer> {

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    @Option(names = "--protocol", defaultValue = "signalr", paramLabel = "json|messagepack|signalr|socketio",
            description = "Wire protocol: SignalR with the json or messagepack hub protocol (signalr means json), or "
                    + "socketio (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--transport", defaultValue = "websockets", paramLabel = "websockets|sse|longpolling",
            description = "SignalR transport (default: ${DEFAULT-VALUE}); Socket.IO runs over websockets only.")
    String transport;

    @Option(names = "--url", split = ",", paramLabel = "URL",
            description = "Server URL, repeatable or comma-separated for several instances (members are spread "
                    + "round-robin). Default http://127.0.0.1:8081/chatHub (signalr), http://127.0.0.1:8093 (socketio).")
    List<String> urls = new ArrayList<>();

    @Option(names = "--rooms", defaultValue = "10", paramLabel = "R", description = "Rooms (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--members", defaultValue = "20", paramLabel = "M", description = "Members per room, senders included (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--senders", defaultValue = "2", paramLabel = "S", description = "Members per room that send (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--rate", defaultValue = "10", paramLabel = "N",
            description = "Messages per second of EACH sender (default: ${DEFAULT-VALUE}); the run sends R x S x N msg/s "
                    + "and the servers deliver about M times that.")
    double rate;

    @Option(names = "--message-size", defaultValue = "64", paramLabel = "BYTES",
            description = "Length of each message text, " + ChatPayload.MIN_SIZE + " to " + ChatPayload.MAX_SIZE
                    + " (default: ${DEFAULT-VALUE}).")
    int messageSize;

    @Option(names = "--drain", defaultValue = "5", paramLabel = "SECONDS",
            description = "After the measured time, how long to wait for deliveries still on their way before counting "
                    + "the missing ones as lost; ends early once all arrived (default: ${DEFAULT-VALUE} s).")
    double drainSeconds;

    @Option(names = "--skip-negotiation",
            description = "SignalR over websockets: open the WebSocket directly, without negotiate.")
    boolean skipNegotiation;

    @Option(names = "--token", paramLabel = "JWT",
            description = "SignalR: every member signs in with this JWT (Authorization: Bearer on negotiate and the "
                    + "WebSocket, and access_token=) and sends under its name. Not read from RTC_TOKEN: a run is anonymous "
                    + "unless asked.")
    String token;

    @Option(names = "--hmac-secret", paramLabel = "SECRET",
            description = "SignalR: every member signs in with its own HS256 token signed with SECRET (at least 32 bytes; "
                    + "the service's auth.hmac-secret): subject and preferred_username bench-<n>, rooms [\"*\"], valid 1 h.")
    String hmacSecret;

    @Option(names = "--token-issuer", paramLabel = "ISS", description = "With --hmac-secret: the tokens' iss claim.")
    String tokenIssuer;

    @Option(names = "--token-audience", paramLabel = "AUD", description = "With --hmac-secret: the tokens' aud claim.")
    String tokenAudience;

    @Option(names = "--room-prefix", paramLabel = "PREFIX",
            description = "Room names are PREFIX + number (default: bench-<random>-, so that runs never share rooms).")
    String roomPrefix;

    @Mixin
    RunOptions run;

    @Spec
    CommandSpec spec;

    private final ReportPrinter printer;

    public BenchChatCommand(ReportPrinter printer) {
        this.printer = printer;
    }

    @Override
    public Integer call() throws InterruptedException {
        ChatPlan plan = validate();
        try {
            ChatReport report = new ChatLoadTest(plan, new Progress(System.err, run.quiet())).run();
            printer.print(report, ChatSummary.format(report), run.json(), System.out);
            return report.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (TimeoutException e) {
            System.err.println("rtc: the benchmark did not finish in time: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    private ChatPlan validate() {
        run.validateRun(spec);
        ChatProtocol.Choice choice;
        TransportType carrier;
        try {
            choice = ChatProtocol.parse(protocol);
            carrier = TransportType.parse(transport);
            if (choice.protocol() == ChatProtocol.SIGNALR) {
                new HubOptions(carrier, choice.hubProtocol(), skipNegotiation, run.connectTimeout());
            } else if (carrier != TransportType.WEBSOCKETS) {
                throw new IllegalArgumentException("--transport " + carrier.option()
                        + " is for SignalR: the Socket.IO client here speaks websockets only");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ChatProtocol wire = choice.protocol();
        RunOptions.require(spec, rooms >= 1, "--rooms must be at least 1");
        RunOptions.require(spec, members >= 1, "--members must be at least 1");
        RunOptions.require(spec, senders >= 1 && senders <= members, "--senders must be between 1 and --members");
        RunOptions.require(spec, (long) rooms * members <= 1_000_000, "--rooms x --members must be at most 1,000,000");
        RunOptions.require(spec, rate > 0 && rate <= 100_000, "--rate must be above 0 and at most 100000");
        RunOptions.require(spec, messageSize >= ChatPayload.MIN_SIZE && messageSize <= ChatPayload.MAX_SIZE,
                "--message-size must be between " + ChatPayload.MIN_SIZE + " and " + ChatPayload.MAX_SIZE);
        RunOptions.require(spec, drainSeconds >= 0, "--drain must not be negative");
        List<String> targets = new ArrayList<>(urls);
        targets.removeIf(String::isBlank);
        if (targets.isEmpty()) {
            targets.add(wire.defaultUrl());
        }
        for (String url : targets) {
            try {
                if (wire == ChatProtocol.SIGNALR) {
                    HubUrl.parse(url);
                } else {
                    SocketIoUrl.parse(url);
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        ChatAuth auth = auth(wire);
        String prefix = roomPrefix != null ? roomPrefix
                : "bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 36) + "-";
        return new ChatPlan(wire, choice.hubProtocol(), carrier, List.copyOf(targets), rooms, members, senders, rate,
                messageSize, skipNegotiation, prefix, run.threads(), run.localAddresses(), run.connectConcurrency(), run.connectTimeout(),
                run.replyTimeout(), run.warmup(), run.duration(), RunOptions.seconds(drainSeconds), auth);
    }

    private ChatAuth auth(ChatProtocol wire) {
        RunOptions.require(spec, token == null || hmacSecret == null, "--token and --hmac-secret exclude each other");
        RunOptions.require(spec, hmacSecret != null || (tokenIssuer == null && tokenAudience == null),
                "--token-issuer and --token-audience need --hmac-secret");
        if (token == null && hmacSecret == null) {
            return ChatAuth.NONE;
        }
        RunOptions.require(spec, wire == ChatProtocol.SIGNALR,
                "--token and --hmac-secret are for SignalR, not --protocol socketio");
        if (token != null) {
            RunOptions.require(spec, !token.isBlank() && AccessToken.wellFormed(token.strip()),
                    "--token must be printable ASCII without spaces, as a JWT is");
            return ChatAuth.token(token.strip());
        }
        try {
            return ChatAuth.hmac(new TokenMinter(hmacSecret, blankToNull(tokenIssuer), blankToNull(tokenAudience),
                    TOKEN_LIFETIME));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
