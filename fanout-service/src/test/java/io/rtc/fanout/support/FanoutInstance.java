package io.rtc.fanout.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.rtc.testsupport.Ports;

/**
 * One fanout-service started from a packaged fast-jar on a free port (this module's, or another
 * service's for the full-stack test). Its log goes to {@code target/<name>-<port>.log}.
 */
public final class FanoutInstance implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    /** Where this process' lines begin in the log (a restart appends to the same file). */
    private final long logStart;

    private FanoutInstance(Process process, int port, Map<String, String> env, Path log, long logStart) {
        this.process = process;
        this.port = port;
        this.env = env;
        this.log = log;
        this.logStart = logStart;
    }

    /** Starts this module's jar with the given environment (port included) and waits until it is ready. */
    public static FanoutInstance start(Map<String, String> env) throws IOException {
        FanoutInstance instance = launch(Path.of("target", "quarkus-app", "quarkus-run.jar"), "fanout", env);
        instance.awaitReady();
        return instance;
    }

    /** Starts a jar without waiting; QUARKUS_HTTP_PORT from {@code env} or a free one. */
    public static FanoutInstance launch(Path jar, String name, Map<String, String> env) throws IOException {
        Path absolute = jar.toAbsolutePath();
        if (!Files.exists(absolute)) {
            throw new IllegalStateException(absolute + " is missing: run mvn package first");
        }
        Map<String, String> all = new HashMap<>(env);
        int port = all.containsKey("QUARKUS_HTTP_PORT") ? Integer.parseInt(all.get("QUARKUS_HTTP_PORT")) : Ports.free();
        all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        all.putIfAbsent("ADMIN_TOKEN", "test-admin-token");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Path.of("target", name + "-" + port + ".log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", absolute.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(all);
        return new FanoutInstance(builder.start(), port, all, log, logStart);
    }

    /** The same jar started again with the same environment and port (after {@link #kill} or {@link #close}). */
    public FanoutInstance restart() throws IOException {
        FanoutInstance again = launch(Path.of("target", "quarkus-app", "quarkus-run.jar"), "fanout", env);
        again.awaitReady();
        return again;
    }

    public void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("service on " + port + " exited with " + process.exitValue());
            }
            return Http.status(baseUrl() + "/q/health/ready") == 200;
        });
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, returning at once (a pod being stopped); see {@link #awaitExit}. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; false if it still runs after {@code limit}. */
    public boolean awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What this process logged (not the earlier runs on the same port). */
    public String log() throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(logStart, all.length);
        return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook, nothing flushed, like a crashed pod. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, and waits for the process to end. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

}
