package io.rtc.cli.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines on stderr, so stdout stays the report alone (one JSON object with --json).
 * Scripts may wait for a line (e.g. "holding") to know a phase has begun.
 */
public final class Progress {

    private final PrintStream err;
    private final boolean quiet;

    public Progress(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    public void say(String format, Object... args) {
        if (!quiet) {
            err.println("rtc: " + String.format(Locale.ROOT, format, args));
            err.flush();
        }
    }
}
