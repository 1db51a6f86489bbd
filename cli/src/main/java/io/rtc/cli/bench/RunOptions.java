package io.rtc.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Options every load scenario shares about running and reporting: how long, how many event loops,
 * source addresses, connect pacing, timeouts, output. {@link LoadOptions} adds one target URL and a
 * connection count; scenarios of another shape (e.g. rooms of members) mix it in with their own.
 */
public class RunOptions {

    @Option(names = "--duration", defaultValue = "10", paramLabel = "SECONDS", description = "Measured time (default: ${DEFAULT-VALUE} s).")
    double durationSeconds;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "SECONDS", description = "Load before measuring, not counted (default: ${DEFAULT-VALUE} s).")
    double warmupSeconds;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "T", description = "Event loops of the generator (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--local-addresses", split = ",", paramLabel = "IP",
            description = "Source addresses used round-robin, e.g. 127.0.0.1,127.0.0.2: each adds ~28k ephemeral ports.")
    List<String> localAddresses = new ArrayList<>();

    @Option(names = "--connect-concurrency", defaultValue = "200", paramLabel = "N", description = "Handshakes in flight at most (default: ${DEFAULT-VALUE}).")
    int connectConcurrency;

    @Option(names = "--connect-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "Per-connection connect and handshake timeout (default: ${DEFAULT-VALUE} s).")
    double connectTimeoutSeconds;

    @Option(names = "--reply-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "A reply later than this is a timeout (default: ${DEFAULT-VALUE} s).")
    double replyTimeoutSeconds;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout instead of the summary.")
    boolean json;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    /** Rejects impossible values before any connection is opened. */
    public void validateRun(CommandSpec spec) {
        require(spec, durationSeconds > 0, "--duration must be positive");
        require(spec, warmupSeconds >= 0, "--warmup must not be negative");
        require(spec, threads >= 1 && threads <= 64, "--threads must be between 1 and 64");
        require(spec, connectConcurrency >= 1, "--connect-concurrency must be at least 1");
        require(spec, connectTimeoutSeconds > 0 && replyTimeoutSeconds > 0, "timeouts must be positive");
    }

    public static void require(CommandSpec spec, boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    public Duration duration() {
        return seconds(durationSeconds);
    }

    public Duration warmup() {
        return seconds(warmupSeconds);
    }

    public int threads() {
        return threads;
    }

    /** Never empty: no address given means one unbound client ({@code null} address). */
    public List<String> localAddresses() {
        List<String> addresses = new ArrayList<>(localAddresses);
        addresses.removeIf(String::isBlank);
        if (addresses.isEmpty()) {
            addresses.add(null);
        }
        return addresses;
    }

    public int connectConcurrency() {
        return connectConcurrency;
    }

    public Duration connectTimeout() {
        return seconds(connectTimeoutSeconds);
    }

    public Duration replyTimeout() {
        return seconds(replyTimeoutSeconds);
    }

    public boolean json() {
        return json;
    }

    public boolean quiet() {
        return quiet;
    }

    public static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
