package io.rtc.cli.echo;

import io.rtc.cli.ExitCodes;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;

/** The human-facing loop: prompt, send, show the reply, until 'exit' or end of input. */
final class InteractiveEcho {

    static final String PROMPT = "Enter a message to send to the server (or 'exit' to quit): ";

    private final Console console;
    private final EchoSession session;
    private final Duration replyTimeout;

    InteractiveEcho(Console console, EchoSession session, Duration replyTimeout) {
        this.console = console;
        this.session = session;
        this.replyTimeout = replyTimeout;
    }

    int run() throws EchoFailure, InterruptedException {
        PrintWriter out = console.writer();
        out.println("Connected to WebSocket server.");
        out.flush();
        while (true) {
            String line = console.readLine("%s", PROMPT);
            // Ctrl-D ends the session like 'exit' does.
            if (line == null || line.equals("exit")) {
                session.failIfBroken();
                return ExitCodes.OK;
            }
            String reply = session.exchange(line, replyTimeout);
            out.println("Received from server: " + reply);
            out.flush();
        }
    }
}
