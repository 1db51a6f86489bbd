package io.rtc.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A stdin that stays silent for a while, then gives its text and ends: a user who types late. */
public final class DelayedInput {

    private DelayedInput() {
    }

    public static InputStream of(String text, Duration delay) {
        try {
            PipedInputStream in = new PipedInputStream();
            PipedOutputStream out = new PipedOutputStream(in);
            ScheduledExecutorService typist = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "delayed-input");
                thread.setDaemon(true);
                return thread;
            });
            typist.schedule(() -> {
                try (out) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                } finally {
                    typist.shutdown();
                }
                return null;
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
