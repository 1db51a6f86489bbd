package io.rtc.cli.chat;

import io.rtc.cli.ExitCodes;
import io.rtc.cli.auth.AccessToken;
import io.rtc.cli.signalr.HubUrl;
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
                "Console client for the chat hub (ASP.NET Core SignalR protocol, JSON, WebSocket transport): "
                        + "joins ROOM, prints every message of the room as 'user: message', sends each line typed.",
                "'exit' or the end of input leaves the room. In a pipe, e.g. `printf 'hi\\n' | rtc chat --room r --user u`, "
                        + "it waits for its messages to be accepted and to come back before leaving.",
                "Hub errors are printed on stderr and the session goes on.",
                "Exit codes: 0 ok, 1 cannot connect or join (the hub's error on stderr), 3 connection closed by the server, "
                        + "4 no answer in time, 6 the token was refused (401 or 403: the server's reason on stderr)."})
public class ChatCommand implements Callable<Integer> {

    @Option(names = "--room", required = true, description = "Room to join.")
    String room;

    @Option(names = "--user", required = true, description = "Name shown with each message sent.")
    String user;

    @Option(names = "--url", defaultValue = "http://localhost:8081/chatHub", description = "Hub URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--skip-negotiation", description = "Open the WebSocket directly, without POST <url>/negotiate first.")
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
        try {
            hub = HubUrl.parse(url);
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
        Duration timeout = Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
        BlockingQueue<ChatEvent> events = new LinkedBlockingQueue<>();
        // Explicit UTF-8 both ways: in a pipe the platform charset is often plain ASCII.
        try (LinePrinter printer = new LinePrinter(new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8))) {
            try (ChatSession session = ChatSession.connect(hub, skipNegotiation, accessToken, timeout, printer, events)) {
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
