package io.rtc.cli.chat;

import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Prints lines on a thread of its own. Messages arrive on the Vert.x event loop, which must not
 * block on a slow terminal or a full pipe; it only enqueues here. Stdout and stderr lines share
 * one queue, so they appear in the order they happened.
 */
final class LinePrinter implements AutoCloseable {

    private record Line(PrintStream stream, String text) {
    }

    private static final Line END = new Line(null, null);

    private final PrintStream out;
    private final PrintStream err;
    private final BlockingQueue<Line> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    LinePrinter(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        this.thread = new Thread(this::run, "rtc-printer");
        thread.setDaemon(true);
        thread.start();
    }

    void out(String text) {
        queue.add(new Line(out, text));
    }

    void err(String text) {
        queue.add(new Line(err, text));
    }

    /** Prints what is queued, then stops; waits a little at most if the terminal is stuck. */
    @Override
    public void close() throws InterruptedException {
        queue.add(END);
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    private void run() {
        try {
            Line line;
            while ((line = queue.take()) != END) {
                line.stream().println(line.text());
                if (queue.isEmpty()) {
                    line.stream().flush();
                }
            }
            out.flush();
            err.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
