package io.rtc.cli.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;

/**
 * Reads standard input on its own daemon thread and hands each line over as a {@link ChatEvent}.
 * Reading stdin blocks; doing it here keeps the console loop free to notice a closed connection,
 * and a daemon thread still blocked in read() cannot keep the process alive.
 */
final class StdinLines {

    private StdinLines() {
    }

    static void start(InputStream in, BlockingQueue<ChatEvent> events) {
        Thread reader = new Thread(() -> read(in, events), "rtc-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    private static void read(InputStream in, BlockingQueue<ChatEvent> events) {
        // Explicit UTF-8: in a pipe the platform charset is often plain ASCII.
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                events.add(new ChatEvent.Line(line));
            }
        } catch (IOException e) {
            // A broken stdin ends the input like Ctrl-D does.
        }
        events.add(new ChatEvent.EndOfInput());
    }
}
