package io.rtc.cli.fanout;

import io.rtc.cli.ExitCodes;
import io.rtc.cli.auth.AccessToken;
import io.vertx.core.buffer.Buffer;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Publishes messages to fanout-service (POST /api/logs), the seed's console publisher: "
                        + "MESSAGE once, or else each line of standard input until an empty line or the end of input "
                        + "(on a terminal it prompts 'Enter your message: ').",
                "Prints ' [x] Sent: <message> (id <id>)' once the server confirmed it (202). "
                        + "A 503 is retried with the same Message-Id, as long as the server's Retry-After asks.",
                "Exit codes: 0 ok, 1 cannot connect or still unavailable after the retries, 2 usage, "
                        + "3 connection lost, 4 no answer in time, 5 refused by the server (400, 413, 415: its error on stderr), "
                        + "6 the token was refused (401 or 403: the server's reason on stderr)."})
public class PublishCommand implements Callable<Integer> {

    static final String PROMPT = "Enter your message: ";

    @Parameters(arity = "0..1", paramLabel = "MESSAGE", description = "The message; without it, lines are read from standard input.")
    String message;

    @Option(names = "--url", defaultValue = "http://localhost:8082", description = "fanout-service base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--content-type", defaultValue = "text/plain", paramLabel = "TYPE",
            description = "Content-Type of each message: text/plain or application/json (default: ${DEFAULT-VALUE}).")
    String contentType;

    @Option(names = "--id", paramLabel = "ID",
            description = "Message-Id of MESSAGE (1-128 of A-Z a-z 0-9 . _ : -); publishing twice under one id publishes "
                    + "once. Default: a new UUID (version 7) for each message.")
    String id;

    @Option(names = "--token", paramLabel = "JWT",
            description = "Sign in with this JWT (Authorization: Bearer on each POST). Default: the environment variable "
                    + AccessToken.ENVIRONMENT_VARIABLE + "; without either, anonymous.")
    String token;

    /** Where RTC_TOKEN is read; tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    @Option(names = "--retries", defaultValue = "5", paramLabel = "N", description = "Retries of a message answered 503 (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--max-retry-wait", defaultValue = "30", paramLabel = "SECONDS",
            description = "Longest wait before a retry, whatever Retry-After says (default: ${DEFAULT-VALUE} s).")
    double maxRetryWaitSeconds;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "How long to wait for each answer (default: ${DEFAULT-VALUE} s).")
    double timeoutSeconds;

    @Option(names = "--connect-timeout", defaultValue = "5", paramLabel = "SECONDS", description = "How long to wait for the connection (default: ${DEFAULT-VALUE} s).")
    double connectTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        // Explicit UTF-8 both ways: in a pipe the platform charset is often plain ASCII.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        LogsUrl logs;
        try {
            logs = LogsUrl.parse(url);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        String usage = checkOptions();
        if (usage != null) {
            err.println(usage);
            return ExitCodes.USAGE;
        }
        String accessToken = AccessToken.resolve(token, environment);
        if (accessToken != null && !AccessToken.wellFormed(accessToken)) {
            err.println("The token (--token or " + AccessToken.ENVIRONMENT_VARIABLE
                    + ") must be printable ASCII without spaces, as a JWT is");
            return ExitCodes.USAGE;
        }
        try (Publisher publisher = new Publisher(logs, contentType, seconds(timeoutSeconds), seconds(connectTimeoutSeconds),
                retries, seconds(maxRetryWaitSeconds), err, accessToken)) {
            if (message != null) {
                send(publisher, out, id != null ? id : MessageIds.newId(), message);
                return ExitCodes.OK;
            }
            Console console = System.console();
            if (console != null) {
                publisher.checkReachable();
                String line;
                while ((line = console.readLine("%s", PROMPT)) != null && !line.isEmpty()) {
                    send(publisher, out, MessageIds.newId(), line);
                }
                return ExitCodes.OK;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                send(publisher, out, MessageIds.newId(), line);
            }
            return ExitCodes.OK;
        } catch (PublishFailure failure) {
            err.println(failure.getMessage());
            return failure.exitCode();
        }
    }

    private String checkOptions() {
        if (id != null && message == null) {
            return "--id needs a MESSAGE: lines from standard input each get a new id";
        }
        if (id != null && !MessageIds.valid(id)) {
            return "Invalid --id '" + id + "': 1 to " + MessageIds.MAX_LENGTH + " characters of A-Z a-z 0-9 . _ : -";
        }
        if (contentType == null || contentType.isBlank()) {
            return "--content-type must not be empty";
        }
        if (retries < 0 || maxRetryWaitSeconds < 0 || timeoutSeconds <= 0 || connectTimeoutSeconds <= 0) {
            return "--retries and --max-retry-wait must not be negative, timeouts must be positive";
        }
        return null;
    }

    private static void send(Publisher publisher, PrintStream out, String messageId, String text)
            throws PublishFailure, InterruptedException {
        String confirmed = publisher.publish(messageId, Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
        out.println(" [x] Sent: " + text + " (id " + confirmed + ")");
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null; // a broken stdin ends the input like Ctrl-D does
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.max(0, Math.round(seconds * 1000)));
    }
}
