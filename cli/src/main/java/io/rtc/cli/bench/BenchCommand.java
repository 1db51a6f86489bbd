package io.rtc.cli.bench;

import io.rtc.cli.bench.echo.BenchEchoCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load generators: closed-loop benchmarks that verify every reply.",
        subcommands = {BenchEchoCommand.class})
public class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing scenario: use 'rtc bench echo'");
    }
}
