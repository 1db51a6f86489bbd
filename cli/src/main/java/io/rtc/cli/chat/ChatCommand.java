package io.rtc.cli.chat;

import io.rtc.cli.ExitCodes;
import io.rtc.cli.auth.AccessToken;
import io.rtc.cli.signalr.HubOptions;
import io.rtc.cli.signalr.HubUrl;
import io.rtc.cli.signalr.TransportType;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Console client for the chat hub (ASP.NET Core SignalR protocol: JSON or MessagePack over WebSockets, "
                        + "Server-Sent Events or long polling): joins ROOM, prints every message of the room as "
                        + "'user: message', sends each line typed.",
                "'exit' or the end of input leaves the room. In a pipe, e.g. `printf 'hi\\n' | rtc chat --room r --user u`, "
                        + "it waits for its messages to be accepted and to come back before leaving.",
                "Hub errors are printed on stderr and the session goes on.",
                "Exit codes: 0 ok, 1 cannot connect or join (the hub's error on stderr), 2 usage (e.g. sse with messagepack), "
                        + "3 connection closed by the server, "
                        + "4 no answer in time, 6 the token was refused (401 or 403: the server's reason on stderr)."})
public class ChatCommand implements Callable<Integer> {

    /** chat-service's own limit for GetHistory. */
    static final int MAX_HISTORY = 1000;

    @Option(names = "--room", required = true, description = "Room to join.")
    String room;

    @Option(names = "--user", required = true, description = "Name shown with each message sent.")
    String user;

    @Option(names = "--url", defaultValue = "http://localhost:8081/chatHub", description = "Hub URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--transport", defaultValue = "websockets", paramLabel = "websockets|sse|longpolling",
            description = "SignalR transport (default: ${DEFAULT-VALUE}); the server must offer it in its negotiate answer.")
    String transport;

    @Option(names = "--protocol", defaultValue = "json", paramLabel = "json|messagepack",
            description = "Hub protocol (default: ${DEFAULT-VALUE}); messagepack is binary, so not over sse.")
    String protocol;

    @Option(names = "--history", defaultValue = "0", paramLabel = "N",
            description = "Print the room's last N messages (GetHistory) before joining (default: none).")
    int history;

    @Option(names = "--skip-negotiation",
            description = "Open the WebSocket directly, without POST <url>/negotiate first (websockets only).")
    boolean skipNegotiation;

    @Option(names = "--token", paramLabel = "JWT",
            description = "Sign in with this JWT: Authorization: Bearer on negotiate and on the WebSocket upgrade "
                    + "(and access_token=). Default: the environment variable " + AccessToken.ENVIRONMENT_VARIABLE
                    + "; without either, anonymous.")
    String token;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "How long to wait for each step: connect, each hub answer, the last messages at the end of input "
                    + "(default: ${DEFAULT-VALUE} s).")
    double timeoutSeconds;

    /** Where RTC_TOKEN is read; tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() throws Exception {
        HubUrl hub;
        HubOptions options;
        try {
            hub = HubUrl.parse(url);
            options = new HubOptions(TransportType.parse(transport), HubOptions.protocol(protocol), skipNegotiation,
                    Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000))));
            if (history < 0 || history > MAX_HISTORY) {
                throw new IllegalArgumentException("--history must be between 0 and " + MAX_HISTORY);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        String accessToken = AccessToken.resolve(token, environment);
        if (accessToken != null && !AccessToken.wellFormed(accessToken)) {
            System.err.println("The token (--token or " + AccessToken.ENVIRONMENT_VARIABLE
                    + ") must be printable ASCII without spaces, as a JWT is");
            return ExitCodes.USAGE;
        }
        BlockingQueue<ChatEvent> events = new LinkedBlockingQueue<>();
        // Explicit UTF-8 both ways: in a pipe the platform charset is often plain ASCII.
        try (LinePrinter printer = new LinePrinter(new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8))) {
            try (ChatSession session = ChatSession.connect(hub, options, accessToken, printer, events)) {
                if (history > 0) {
                    session.history(room, history);
                }
                session.join(room);
                if (System.console() != null) {
                    printer.err("Joined room " + room + " as " + user + ". Type a message and press Enter; '"
                            + ChatConsole.EXIT + "' leaves.");
                }
                StdinLines.start(System.in, events);
                return new ChatConsole(events, session, printer, room, user).run();
            } catch (ChatFailure failure) {
                printer.err(failure.getMessage());
                return failure.exitCode();
            }
        }
    }
}
