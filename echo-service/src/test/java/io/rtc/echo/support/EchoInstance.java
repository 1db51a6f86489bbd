package io.rtc.echo.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

/**
 * One echo-service started from the packaged fast-jar on a free port, for tests that stop it with a
 * signal. The log goes to {@code target/echo-<port>.log}.
 */
public final class EchoInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;

    private EchoInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts an instance with the given extra environment and waits until it is ready. */
    public static EchoInstance start(Map<String, String> env) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn package first");
        }
        int port = freePort();
        Path log = Path.of("target", "echo-" + port + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        EchoInstance instance = new EchoInstance(builder.start(), port, log);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> instance.status("/q/health/ready") == 200);
        return instance;
    }

    public URI httpUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** HTTP status of a GET on this instance, or -1 when it does not answer. */
    public int status(String path) {
        if (!process.isAlive()) {
            throw new IllegalStateException("echo-service on " + port + " exited with " + process.exitValue());
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(httpUri().resolve(path)).timeout(Duration.ofSeconds(5)).build();
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
