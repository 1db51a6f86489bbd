package io.rtc.cli.bench;

import io.rtc.cli.bench.chat.BenchChatCommand;
import io.rtc.cli.bench.echo.BenchEchoCommand;
import io.rtc.cli.bench.fanout.BenchFanoutCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load generators that verify every message: closed-loop echo, open-loop room chat, confirmed publishes.",
        subcommands = {BenchEchoCommand.class, BenchChatCommand.class, BenchFanoutCommand.class})
public class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing scenario: use 'rtc bench echo', 'rtc bench chat' or 'rtc bench fanout'");
    }
}
