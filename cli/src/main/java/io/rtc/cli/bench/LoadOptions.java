package io.rtc.cli.bench;

import io.rtc.cli.ws.WsEndpoint;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Options of a scenario with one WebSocket target and N connections: where to connect, how many,
 * and (from {@link RunOptions}) how long, how to report.
 */
public class LoadOptions {

    @Option(names = "--url", defaultValue = "ws://127.0.0.1:8080/", description = "Server URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--connections", defaultValue = "50", paramLabel = "N", description = "Connections to open (default: ${DEFAULT-VALUE}).")
    int connections;

    @Mixin
    RunOptions run = new RunOptions();

    /** Rejects impossible values before any connection is opened. */
    public WsEndpoint validate(CommandSpec spec) {
        require(spec, connections >= 1, "--connections must be at least 1");
        run.validateRun(spec);
        try {
            return WsEndpoint.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    public static void require(CommandSpec spec, boolean condition, String message) {
        RunOptions.require(spec, condition, message);
    }

    public String url() {
        return url;
    }

    public int connections() {
        return connections;
    }

    public Duration duration() {
        return run.duration();
    }

    public Duration warmup() {
        return run.warmup();
    }

    public int threads() {
        return run.threads();
    }

    public List<String> localAddresses() {
        return run.localAddresses();
    }

    public int connectConcurrency() {
        return run.connectConcurrency();
    }

    public Duration connectTimeout() {
        return run.connectTimeout();
    }

    public Duration replyTimeout() {
        return run.replyTimeout();
    }

    public boolean json() {
        return run.json();
    }

    public boolean quiet() {
        return run.quiet();
    }
}
