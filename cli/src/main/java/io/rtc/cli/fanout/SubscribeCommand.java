package io.rtc.cli.fanout;

import io.rtc.cli.ExitCodes;
import io.rtc.cli.auth.AccessRefused;
import io.rtc.cli.auth.AccessToken;
import io.rtc.cli.ws.WsClose;
import io.rtc.cli.ws.WsEndpoint;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "subscribe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Prints every message that reaches fanout-service's exchange (WebSocket /logs/stream), the seed's "
                        + "subscriber: ' [*] Waiting for logs. To exit, press CTRL+C', then ' [x] Received: <body>' for each "
                        + "message (' [x] Received (base64): <body>' for a body that is not UTF-8).",
                "With --json each frame is printed as it came, one JSON object a line, and the notices go to stderr.",
                "A dropped connection (or a close with 1013, this client was too slow) is reopened with a growing delay; "
                        + "messages published in between are not shown (GET /api/logs has them). Notes go to stderr.",
                "Exit codes: 0 after --count messages (or Ctrl-C), 1 cannot connect at start, 2 usage, "
                        + "6 the token was refused (401 or 403, at start or on a reconnect: the server's reason on stderr)."})
public class SubscribeCommand implements Callable<Integer> {

    static final String WAITING = " [*] Waiting for logs. To exit, press CTRL+C";
    static final short TRY_AGAIN_LATER = 1013;
    /** A connection that lasted this long resets the reconnect delay. */
    private static final Duration STABLE = Duration.ofSeconds(5);

    @Option(names = "--url", defaultValue = "ws://localhost:8082/logs/stream", description = "Stream URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--json", description = "Print each frame as it came, one JSON object a line.")
    boolean json;

    @Option(names = "--count", defaultValue = "0", paramLabel = "N", description = "Exit after N messages (default: 0, never).")
    long count;

    @Option(names = "--connect-timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "How long to wait for each connection (default: ${DEFAULT-VALUE} s).")
    double connectTimeoutSeconds;

    @Option(names = "--token", paramLabel = "JWT",
            description = "Sign in with this JWT: access_token=<jwt> on the stream URL and Authorization: Bearer on the "
                    + "upgrade. Default: the environment variable " + AccessToken.ENVIRONMENT_VARIABLE
                    + "; without either, anonymous.")
    String token;

    /** Where RTC_TOKEN is read; tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    @Option(names = "--reconnect-delay", defaultValue = "0.5", paramLabel = "SECONDS",
            description = "Delay before the first reconnect; it doubles on each failure (default: ${DEFAULT-VALUE} s).")
    double reconnectDelaySeconds;

    @Option(names = "--max-reconnect-delay", defaultValue = "10", paramLabel = "SECONDS",
            description = "Longest delay between reconnects (default: ${DEFAULT-VALUE} s).")
    double maxReconnectDelaySeconds;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        WsEndpoint endpoint;
        try {
            endpoint = WsEndpoint.parse(url);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        if (count < 0 || connectTimeoutSeconds <= 0 || reconnectDelaySeconds <= 0
                || maxReconnectDelaySeconds < reconnectDelaySeconds) {
            err.println("--count must not be negative, delays and timeouts must be positive, "
                    + "--max-reconnect-delay at least --reconnect-delay");
            return ExitCodes.USAGE;
        }
        String accessToken = AccessToken.resolve(token, environment);
        if (accessToken != null && !AccessToken.wellFormed(accessToken)) {
            err.println("The token (--token or " + AccessToken.ENVIRONMENT_VARIABLE
                    + ") must be printable ASCII without spaces, as a JWT is");
            return ExitCodes.USAGE;
        }
        try (StreamSubscriber subscriber = new StreamSubscriber(endpoint, seconds(connectTimeoutSeconds), accessToken)) {
            try {
                subscriber.connect();
            } catch (AccessRefused refused) {
                err.println("Refused by " + endpoint + ": " + refused.getMessage());
                return ExitCodes.UNAUTHORIZED;
            } catch (Exception e) {
                err.println("Cannot connect to " + endpoint + ": " + describe(e));
                return ExitCodes.FAILURE;
            }
            (json ? err : out).println(WAITING);
            out.flush();
            return consume(subscriber, endpoint, out, err);
        }
    }

    private int consume(StreamSubscriber subscriber, WsEndpoint endpoint, PrintStream out, PrintStream err)
            throws InterruptedException {
        Duration first = seconds(reconnectDelaySeconds);
        Duration max = seconds(maxReconnectDelaySeconds);
        Duration delay = first;
        long connectedAt = System.nanoTime();
        long received = 0;
        while (true) {
            StreamSubscriber.Event event = subscriber.take();
            if (event instanceof StreamSubscriber.Frame frame) {
                out.println(json ? StreamFrames.jsonLine(frame.text()) : StreamFrames.human(frame.text()));
                received++;
                if (count > 0 && received >= count) {
                    out.flush();
                    return ExitCodes.OK;
                }
                if (subscriber.idle()) {
                    out.flush();
                }
                continue;
            }
            out.flush();
            String why = ended((StreamSubscriber.Ended) event);
            if (System.nanoTime() - connectedAt >= STABLE.toNanos()) {
                delay = first;
            }
            while (true) {
                err.println(why + "; reconnecting in " + Publisher.seconds(delay) + " s");
                Thread.sleep(delay.toMillis());
                delay = delay.multipliedBy(2).compareTo(max) > 0 ? max : delay.multipliedBy(2);
                try {
                    subscriber.connect();
                    connectedAt = System.nanoTime();
                    err.println("Reconnected to " + endpoint
                            + " (messages published while disconnected are not shown: GET /api/logs has them)");
                    break;
                } catch (AccessRefused refused) {
                    // retrying with the same token cannot help (it expired, or was revoked)
                    err.println("Reconnect refused by " + endpoint + ": " + refused.getMessage());
                    out.flush();
                    return ExitCodes.UNAUTHORIZED;
                } catch (Exception e) {
                    why = "Reconnect failed: " + describe(e);
                }
            }
        }
    }

    static String ended(StreamSubscriber.Ended ended) {
        String reason = ended.reason() == null || ended.reason().isEmpty() ? "" : ", reason: " + ended.reason();
        if (ended.code() != null && ended.code() == TRY_AGAIN_LATER) {
            return "The server closed the stream because this client read too slowly (code 1013" + reason + ")";
        }
        if (ended.code() != null) {
            return "Connection closed by the server (code " + ended.code() + reason + ")";
        }
        return "Connection lost" + (ended.error() != null ? ": " + describe(ended.error()) : " (no close frame)");
    }

    private static String describe(Throwable t) {
        return t instanceof TimeoutException ? "timed out" : WsClose.describe(t);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
