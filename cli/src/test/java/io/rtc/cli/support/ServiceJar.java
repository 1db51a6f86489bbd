package io.rtc.cli.support;

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

/** A service of this project started from its packaged fast-jar on a free port, for end-to-end tests. */
public final class ServiceJar implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private ServiceJar(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code ../<module>/target/quarkus-app/quarkus-run.jar} and waits until it reports ready. */
    public static ServiceJar start(String module) throws IOException {
        return start(module, Map.of());
    }

    /** Starts the module's jar with extra environment variables. */
    public static ServiceJar start(String module, Map<String, String> env) throws IOException {
        Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the whole project (mvn package) first");
        }
        int port = FreePort.find();
        ProcessBuilder builder = new ProcessBuilder(List.of(Java.executable(), "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", module + "-" + port + ".log").toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ServiceJar service = new ServiceJar(builder.start(), port);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(service::ready);
        return service;
    }

    public int port() {
        return port;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the service exited with " + process.exitValue());
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
