package io.rtc.cli.echo;

import io.rtc.cli.ExitCodes;
import io.rtc.cli.ws.WsEndpoint;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "echo", mixinStandardHelpOptions = true,
        description = {
                "Console client for the echo service: sends lines, prints the replies.",
                "On a terminal it prompts for each message; in a pipe it sends each stdin line and prints "
                        + "each reply alone on its own line, e.g. `echo hi | rtc echo`.",
                "Exit codes: 0 ok, 1 cannot connect, 3 connection closed by the server, 4 reply timeout."})
public class EchoCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "ws://localhost:8080/", description = "Server URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "How long to wait for each reply (default: ${DEFAULT-VALUE} s).")
    double replyTimeoutSeconds;

    @Option(names = "--connect-timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "How long to wait for the connection (default: ${DEFAULT-VALUE} s).")
    double connectTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        WsEndpoint endpoint;
        try {
            endpoint = WsEndpoint.parse(url);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        Console console = System.console();
        try (EchoSession session = EchoSession.open(endpoint, seconds(connectTimeoutSeconds))) {
            Duration replyTimeout = seconds(replyTimeoutSeconds);
            if (console != null) {
                return new InteractiveEcho(console, session, replyTimeout).run();
            }
            // Explicit UTF-8 both ways: in a pipe the platform charset is often plain ASCII.
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            return new PipedEcho(in, out, session, replyTimeout).run();
        } catch (EchoFailure failure) {
            System.err.println(failure.getMessage());
            return failure.exitCode();
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
