package io.rtc.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.rtc.cli.bench.BenchCommand;
import io.rtc.cli.chat.ChatCommand;
import io.rtc.cli.echo.EchoCommand;
import io.rtc.cli.fanout.PublishCommand;
import io.rtc.cli.fanout.SubscribeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@TopCommand
@Command(name = "rtc", mixinStandardHelpOptions = true, version = "rtc 1.0.0-SNAPSHOT",
        description = "Console clients and load generator for the rtc real-time services.",
        subcommands = {EchoCommand.class, ChatCommand.class, PublishCommand.class, SubscribeCommand.class,
                BenchCommand.class})
public class RtcCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // Without a subcommand there is nothing to do: answer like any other usage error (exit 2).
        throw new ParameterException(spec.commandLine(),
                "Missing command: use 'rtc echo', 'rtc chat', 'rtc publish', 'rtc subscribe' or 'rtc bench'");
    }
}
