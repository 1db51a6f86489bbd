package io.rtc.chat.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs one of the Node scripts of {@code src/test/node} (clients nobody here wrote: the official
 * SignalR Node client, headless Chromium) and asserts that it exits with 0. Its output goes to
 * {@code target/node-<name>.log} and is repeated in the assertion message when it fails.
 * <p>
 * A script that needs the test to act in the middle of its run (cut connections, stop an instance)
 * prints a request line; {@link Running#serve} hands every line it prints to the test, and what the
 * test answers goes back on the script's standard input as one line.
 */
final class NodeScript {

    static final Path DIR = Path.of("src", "test", "node").toAbsolutePath();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final String EOF = new String("end of output");

    private NodeScript() {
    }

    /** Fails with a hint to scripts/test-deps.sh when the Node clients are not installed. */
    static void requireInstalled(String... modules) {
        for (String module : modules) {
            if (!Files.isDirectory(DIR.resolve("node_modules").resolve(module))) {
                fail(DIR.resolve("node_modules").resolve(module) + " is missing: run scripts/test-deps.sh"
                        + " (it runs npm ci in " + DIR + ")");
            }
        }
    }

    /** Debian's chromium (or $CHROMIUM) and playwright-core, failing with a hint when either is missing. */
    static Path requireChromium() {
        requireInstalled("playwright-core");
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: run scripts/test-deps.sh (it installs Debian's chromium)");
        }
        return CHROMIUM;
    }

    /** Runs {@code node <script> <args>} in src/test/node and asserts it exits with 0 within the timeout. */
    static void run(String script, List<String> args, Map<String, String> env, Duration timeout) throws IOException {
        run(script, script.replaceAll("\\.m?js$", ""), args, env, timeout);
    }

    /** The same with the log at {@code target/node-<name>.log} (one script run several times). */
    static void run(String script, String name, List<String> args, Map<String, String> env, Duration timeout) throws IOException {
        start(script, name, args, env).serve(line -> Optional.empty(), timeout);
    }

    /** Starts {@code node <script> <args>}; its output goes to {@code target/node-<name>.log}. */
    static Running start(String script, String name, List<String> args, Map<String, String> env) throws IOException {
        Path log = Path.of("target", "node-" + name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(System.getenv().getOrDefault("NODE", "node"));
        command.add(script);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(DIR.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            return new Running(builder.start(), command, log);
        } catch (IOException e) {
            throw new IOException("could not start " + command + " (Node 20 or later must be on the PATH, or set NODE)", e);
        }
    }

    /** A started script: its output is copied to the log line by line as it comes. */
    static final class Running {

        private final Process process;
        private final List<String> command;
        private final Path log;
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Running(Process process, List<String> command, Path log) throws IOException {
            this.process = process;
            this.command = command;
            this.log = log;
            Writer writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (writer; BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        writer.write(line);
                        writer.write('\n');
                        writer.flush();
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process is gone: serve() reports its exit
                } finally {
                    lines.add(EOF);
                }
            }, "node-output-" + log.getFileName());
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Hands each line the script prints to {@code handler} until the script ends; a non-empty answer is
         * written back to its standard input. Asserts that it exits with 0 within {@code timeout}.
         */
        void serve(Function<String, Optional<String>> handler, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                    if (line == null) {
                        kill();
                        fail(String.join(" ", command) + " did not finish within " + timeout + "; output (" + log + "):\n" + read());
                    }
                    if (line == EOF) {
                        break;
                    }
                    Optional<String> answer;
                    try {
                        answer = handler.apply(line);
                    } catch (RuntimeException | AssertionError e) {
                        kill();
                        throw new AssertionError("handling \"" + line + "\" of " + String.join(" ", command) + " failed: " + e
                                + "; output (" + log + "):\n" + read(), e);
                    }
                    if (answer != null && answer.isPresent()) {
                        answer(answer.get());
                    }
                }
                if (!process.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) + 5_000, TimeUnit.MILLISECONDS)) {
                    kill();
                    fail(String.join(" ", command) + " closed its output but did not exit; output (" + log + "):\n" + read());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                fail("interrupted while running " + String.join(" ", command));
            }
            int exit = process.exitValue();
            if (exit != 0) {
                fail(String.join(" ", command) + " exited with " + exit + "; output (" + log + "):\n" + read());
            }
        }

        private void answer(String line) {
            try {
                process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            } catch (IOException e) {
                // the script is gone: serve() reports how it ended
            }
        }

        private void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String read() {
            try {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                int max = 20_000;
                return text.length() <= max ? text : "[...]\n" + text.substring(text.length() - max);
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e + ")";
            }
        }
    }
}
