package io.rtc.cli.bench.echo;

import io.rtc.cli.ExitCodes;
import io.rtc.cli.bench.BenchReport;
import io.rtc.cli.bench.LoadOptions;
import io.rtc.cli.bench.Progress;
import io.rtc.cli.bench.ReportPrinter;
import io.rtc.cli.ws.WsEndpoint;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "echo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Closed-loop load on the echo protocol: each connection keeps WINDOW messages in flight and "
                        + "checks that every reply is exactly 'Server Response: <message>' (binary: the same bytes), in order.",
                "Exit code 1 if a connection failed or any error, wrong reply or timeout occurred."})
public class BenchEchoCommand implements Callable<Integer> {

    @Mixin
    LoadOptions load;

    @Option(names = "--window", defaultValue = "1", paramLabel = "W", description = "Messages in flight per connection (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--size", defaultValue = "64", paramLabel = "BYTES", description = "Message size, 8 to 65536 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--binary", description = "Send binary messages instead of text.")
    boolean binary;

    @Option(names = "--idle", description = "Send one verified message per connection, then only hold the connections for --duration.")
    boolean idle;

    @Spec
    CommandSpec spec;

    private final ReportPrinter printer;

    public BenchEchoCommand(ReportPrinter printer) {
        this.printer = printer;
    }

    @Override
    public Integer call() throws InterruptedException {
        WsEndpoint endpoint = load.validate(spec);
        LoadOptions.require(spec, window >= 1 && window <= 65536, "--window must be between 1 and 65536");
        LoadOptions.require(spec, size >= EchoPayload.MIN_SIZE && size <= EchoPayload.MAX_SIZE,
                "--size must be between " + EchoPayload.MIN_SIZE + " and " + EchoPayload.MAX_SIZE);
        EchoPlan plan = new EchoPlan(endpoint, load.connections(), window, size, binary, idle, load.threads(),
                load.localAddresses(), load.connectConcurrency(), load.connectTimeout(), load.replyTimeout(),
                load.warmup(), load.duration());
        try {
            BenchReport report = new EchoLoadTest(plan, new Progress(System.err, load.quiet())).run();
            printer.print(report, load.json(), System.out);
            return report.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (TimeoutException e) {
            System.err.println("rtc: the benchmark did not finish in time: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }
}
