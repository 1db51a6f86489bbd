package io.rtc.chat.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.rtc.testsupport.Ports;

/**
 * One chat-service started from the packaged fast-jar on a free port, for tests that need several
 * instances (or a broker of their own). The log goes to {@code target/chat-<port>.log}.
 */
public final class ChatInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;

    private ChatInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts an instance with the given extra environment and waits until it is ready. */
    public static ChatInstance start(Map<String, String> env) throws IOException {
        ChatInstance instance = launch(env);
        instance.awaitReady();
        return instance;
    }

    /** Starts an instance without waiting (for a broker that is down on purpose). */
    public static ChatInstance launch(Map<String, String> env) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn package first");
        }
        int port = Ports.free();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Path.of("target", "chat-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putIfAbsent("ADMIN_TOKEN", "test-admin-token");
        builder.environment().putIfAbsent("CHAT_TOKEN_SECRET", "shared-test-secret");
        return new ChatInstance(builder.start(), port, log);
    }

    public void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> status("/q/health/ready") == 200);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String hubUrl() {
        return baseUrl() + "/chatHub";
    }

    public long pid() {
        return process.pid();
    }

    /** HTTP status of a GET on this instance, or -1 when it does not answer. */
    public int status(String path) {
        if (!process.isAlive()) {
            throw new IllegalStateException("chat-service on " + port + " exited with " + process.exitValue());
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sends SIGTERM and returns at once (a pod being stopped); see {@link #awaitExit}. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; false if it is still running after {@code limit}. */
    public boolean awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the instance logged so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Sends SIGKILL: the instance vanishes without leaving its rooms, like a crashed pod. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
