package io.rtc.cli.bench.fanout;

import io.rtc.cli.ExitCodes;
import io.rtc.cli.bench.Progress;
import io.rtc.cli.bench.ReportPrinter;
import io.rtc.cli.bench.RunOptions;
import io.rtc.cli.fanout.LogsUrl;
import io.rtc.cli.ws.WsEndpoint;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "fanout", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Confirmed publishes per second on fanout-service, end to end: POST /api/logs (closed loop: CONCURRENCY "
                        + "requests in flight; or open loop with --rate), each message under a Message-Id of the run, "
                        + "while TAIL-CLIENTS WebSockets on /logs/stream receive every message; afterwards "
                        + "GET /api/logs is polled until every confirmed id is archived.",
                "Measures published/s (202s), publish latency (POST to 202), tail latency (POST to frame) and archive "
                        + "latency (send time to archivedAt); counts 503s, errors, and every confirmed message missing "
                        + "from the archive or a tail client (lost) or seen twice (duplicated).",
                "Exit code 1 if anything was lost, duplicated or wrong, a request failed, a tail client could not connect, "
                        + "or nothing was confirmed."})
public class BenchFanoutCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8082", paramLabel = "URL",
            description = "fanout-service base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--stream-url", paramLabel = "URL",
            description = "WebSocket of the tail clients (default: the base URL's /logs/stream, ws or wss).")
    String streamUrl;

    @Option(names = {"--concurrency", "--publishers"}, defaultValue = "16", paramLabel = "C",
            description = "Closed loop: POSTs in flight at all times, one connection each (HTTP/1.1 keep-alive, no "
                    + "pipelining). With --rate: the most connections (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N",
            description = "Open loop: N messages per second in total on a fixed schedule, whatever the server does "
                    + "(default: 0, closed loop).")
    double rate;

    @Option(names = {"--size", "--message-size"}, defaultValue = "100", paramLabel = "BYTES",
            description = "Body size, " + FanoutPayload.MIN_TEXT_SIZE + " (JSON " + FanoutPayload.MIN_JSON_SIZE + ") to "
                    + FanoutPayload.MAX_SIZE + " (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--content-type", defaultValue = "text/plain", paramLabel = "TYPE",
            description = "text/plain, or application/json for a JSON object body (default: ${DEFAULT-VALUE}).")
    String contentType;

    @Option(names = "--tail-clients", defaultValue = "1", paramLabel = "K",
            description = "WebSocket clients on /logs/stream, each must receive every confirmed message (default: ${DEFAULT-VALUE}).")
    int tailClients;

    @Option(names = "--drain", defaultValue = "5", paramLabel = "SECONDS",
            description = "After the measured time and the last answers, how long to wait for the tail clients to see "
                    + "every confirmed message before counting the missing ones (default: ${DEFAULT-VALUE} s).")
    double drainSeconds;

    @Option(names = "--archive-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to poll GET /api/logs until every confirmed id is archived (default: ${DEFAULT-VALUE} s).")
    double archiveTimeoutSeconds;

    @Option(names = "--run-tag", paramLabel = "TAG",
            description = "Letters and digits in every message id, b<TAG>-<loop>-<n> (default: random, so runs never mix).")
    String runTag;

    @Mixin
    RunOptions run;

    @Spec
    CommandSpec spec;

    private final ReportPrinter printer;

    public BenchFanoutCommand(ReportPrinter printer) {
        this.printer = printer;
    }

    @Override
    public Integer call() throws InterruptedException {
        FanoutPlan plan = validate();
        try {
            FanoutReport report = new FanoutLoadTest(plan, new Progress(System.err, run.quiet())).run();
            printer.print(report, FanoutSummary.format(report), run.json(), System.out);
            return report.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (FanoutLoadTest.Unreachable e) {
            System.err.println("rtc: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (TimeoutException e) {
            System.err.println("rtc: the benchmark did not finish in time: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    private FanoutPlan validate() {
        run.validateRun(spec);
        RunOptions.require(spec, concurrency >= 1 && concurrency <= 100_000, "--concurrency must be between 1 and 100000");
        RunOptions.require(spec, rate >= 0 && rate <= 1_000_000, "--rate must be between 0 (closed loop) and 1000000");
        RunOptions.require(spec, contentType != null && !contentType.isBlank(), "--content-type must not be empty");
        RunOptions.require(spec, PublishRequests.oneLine(contentType), "--content-type must be printable ASCII");
        int min = FanoutPayload.minSize(FanoutPayload.isJson(contentType));
        RunOptions.require(spec, size >= min && size <= FanoutPayload.MAX_SIZE,
                "--size must be between " + min + " and " + FanoutPayload.MAX_SIZE + " for " + contentType);
        RunOptions.require(spec, tailClients >= 0 && tailClients <= 10_000, "--tail-clients must be between 0 and 10000");
        RunOptions.require(spec, drainSeconds >= 0, "--drain must not be negative");
        RunOptions.require(spec, archiveTimeoutSeconds >= 0, "--archive-timeout must not be negative");
        String tag = runTag != null ? runTag : Long.toString(ThreadLocalRandom.current().nextLong() >>> 23, 36);
        RunOptions.require(spec, tag.length() >= 1 && tag.length() <= 32 && tag.chars().allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')),
                "--run-tag must be 1 to 32 letters or digits");
        LogsUrl logs;
        WsEndpoint stream;
        try {
            logs = LogsUrl.parse(url);
            stream = streamUrl != null ? WsEndpoint.parse(streamUrl) : logs.stream();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return new FanoutPlan(logs, stream, concurrency, rate, size, contentType, tailClients, run.threads(),
                run.localAddresses(), run.connectTimeout(), run.replyTimeout(), run.warmup(), run.duration(),
                RunOptions.seconds(drainSeconds), RunOptions.seconds(archiveTimeoutSeconds), tag);
    }
}
