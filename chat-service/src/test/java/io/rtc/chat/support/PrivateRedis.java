package io.rtc.chat.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.rtc.testsupport.Ports;

/**
 * A redis-server of a test's own, on a free port, for tests that stop and restart Redis (never the
 * shared one). No persistence; its folder and log are {@code target/redis-<port>/}. {@link #stop()}
 * ends the process, {@link #start()} starts it again on the same port.
 */
public final class PrivateRedis implements AutoCloseable {

    private final int port;
    private final Path dir;
    private Process process;

    private PrivateRedis(int port) {
        this.port = port;
        this.dir = Path.of("target", "redis-" + port).toAbsolutePath();
    }

    /** A new redis-server on a free port, answering PING when this returns. */
    public static PrivateRedis launch() throws IOException {
        PrivateRedis redis = new PrivateRedis(Ports.free());
        redis.start();
        return redis;
    }

    /** Starts the server (again, on the same port) and waits until it answers PING. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on " + port + " is already running");
        }
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()));
        Process started = builder.start();
        process = started;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("redis-server on " + port + " exited with " + started.exitValue()
                        + "; see " + dir.resolve("redis.log"));
            }
            return ping();
        });
    }

    /** Ends the server (SIGTERM, SIGKILL after 10 s) and waits until it is gone. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    public int port() {
        return port;
    }

    /** The connection string, as QUARKUS_REDIS_HOSTS takes it. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** True when the server answers PING now. */
    public boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = 0;
            while (read < answer.length) {
                int n = in.read(answer, read, answer.length - read);
                if (n < 0) {
                    return false;
                }
                read += n;
            }
            return "+PONG\r\n".equals(new String(answer, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
