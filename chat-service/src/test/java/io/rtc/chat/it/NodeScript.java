package io.rtc.chat.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs one of the Node scripts of {@code src/test/node} (clients nobody here wrote: the official
 * SignalR Node client, headless Chromium) and asserts that it exits with 0. Its output goes to
 * {@code target/node-<script>.log} and is repeated in the assertion message when it fails.
 */
final class NodeScript {

    static final Path DIR = Path.of("src", "test", "node").toAbsolutePath();

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

    /** Runs {@code node <script> <args>} in src/test/node and asserts it exits with 0 within the timeout. */
    static void run(String script, List<String> args, Map<String, String> env, Duration timeout) throws IOException {
        Path log = Path.of("target", "node-" + script.replaceAll("\\.m?js$", "") + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(System.getenv().getOrDefault("NODE", "node"));
        command.add(script);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("could not start " + command + " (Node 20 or later must be on the PATH, or set NODE)", e);
        }
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> !process.isAlive());
        } catch (ConditionTimeoutException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            awaitExit(process);
            fail(String.join(" ", command) + " did not finish within " + timeout + "; output (" + log + "):\n" + read(log));
        }
        int exit = process.exitValue();
        if (exit != 0) {
            fail(String.join(" ", command) + " exited with " + exit + "; output (" + log + "):\n" + read(log));
        }
    }

    private static void awaitExit(Process process) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            int max = 20_000;
            return text.length() <= max ? text : "[...]\n" + text.substring(text.length() - max);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
