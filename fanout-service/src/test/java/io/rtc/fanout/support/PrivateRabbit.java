package io.rtc.fanout.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of a test's own, for tests that stop and restart the broker (never the shared
 * one): its own node name, AMQP port (loopback only), distribution port and data folder under
 * {@code target/rabbit-<port>/}, no plugins. The data folder survives {@link #stop()}, so durable
 * queues and persistent messages come back with {@link #start()}, as on a real restart.
 */
public final class PrivateRabbit implements AutoCloseable {

    private final int port;
    private final int distPort;
    private final String node;
    private final Path dir;

    private PrivateRabbit(int port, int distPort) {
        this.port = port;
        this.distPort = distPort;
        this.node = "rtctest" + port + "@localhost";
        this.dir = Path.of("target", "rabbit-" + port).toAbsolutePath();
    }

    private static PrivateRabbit shared;

    /**
     * One node for every integration test of this JVM that starts its own fanout-service, stopped
     * when the JVM exits. A second fanout-service on the same broker would share {@code
     * logs.archive} and take half of its messages (the @QuarkusIntegrationTest jar may still be up),
     * so these tests never use the shared broker.
     */
    public static synchronized PrivateRabbit shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = launch();
            PrivateRabbit node = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    node.stop();
                } catch (Exception ignored) {
                    // the JVM is going away either way
                }
            }));
        }
        return shared;
    }

    public String amqpUrl() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    public static PrivateRabbit launch() throws IOException, InterruptedException {
        PrivateRabbit rabbit = new PrivateRabbit(FanoutInstance.freePort(), FanoutInstance.freePort());
        rabbit.start();
        return rabbit;
    }

    /** Starts the node (again, same port and data) and waits until it accepts AMQP connections. */
    public synchronized void start() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        // the server runs as the rabbitmq user: its folder must be open to it
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
        Files.writeString(dir.resolve("rabbitmq.conf"), "loopback_users = none\n");
        ProcessBuilder builder = new ProcessBuilder(List.of("rabbitmq-server", "-detached"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "rabbit-" + port + ".out").toFile()));
        Map<String, String> env = builder.environment();
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("pid").toString());
        Process detaching = builder.start();
        detaching.waitFor(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(this::accepting);
    }

    /** Stops the node (rabbitmqctl stop) and waits until its port is closed. */
    public synchronized void stop() throws IOException, InterruptedException {
        Process stop = new ProcessBuilder(List.of("rabbitmqctl", "-n", node, "stop"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "rabbit-" + port + ".out").toFile()))
                .start();
        stop.waitFor(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> !accepting());
    }

    /** rabbitmqctl set_vm_memory_high_watermark: a tiny fraction raises the memory alarm, 0.4 clears it. */
    public void setMemoryHighWatermark(double fraction) throws IOException, InterruptedException {
        Process set = new ProcessBuilder(List.of("rabbitmqctl", "-n", node, "set_vm_memory_high_watermark",
                java.math.BigDecimal.valueOf(fraction).toPlainString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "rabbit-" + port + ".out").toFile()))
                .start();
        if (!set.waitFor(30, TimeUnit.SECONDS) || set.exitValue() != 0) {
            throw new IllegalStateException("set_vm_memory_high_watermark failed on " + node);
        }
    }

    /** True when the node's AMQP port takes a connection. */
    public boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }
}
