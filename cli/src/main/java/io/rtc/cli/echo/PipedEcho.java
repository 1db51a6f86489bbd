package io.rtc.cli.echo;

import io.rtc.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The scripting loop: one stdin line out, its reply printed alone on one line, no prompts.
 * Each reply is awaited before the next line is sent, so output order matches input order.
 */
final class PipedEcho {

    private final BufferedReader in;
    private final PrintStream out;
    private final EchoSession session;
    private final Duration replyTimeout;

    PipedEcho(BufferedReader in, PrintStream out, EchoSession session, Duration replyTimeout) {
        this.in = in;
        this.out = out;
        this.session = session;
        this.replyTimeout = replyTimeout;
    }

    int run() throws EchoFailure, IOException, InterruptedException {
        String line;
        while ((line = in.readLine()) != null) {
            out.println(session.exchange(line, replyTimeout));
        }
        out.flush();
        // A server that hung up after the last reply still failed the session.
        session.failIfBroken();
        return ExitCodes.OK;
    }
}
