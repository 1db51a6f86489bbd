package io.rtc.chat.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of a test's own (never the shared one), for tests that stop and restart the
 * broker: node {@code rtc-test-<port>@localhost} on a free AMQP port, its own distribution port, no
 * plugins (the management plugin would clash with the shared node's port 15672), its own config
 * (the system's binds 5672), data, logs and Erlang cookie under {@code target/rabbit-<port>/}.
 * {@link #stop()} halts the node; {@link #start()} starts it again on the same port and data, so
 * durable queues and persistent messages survive. Runs the scripts of {@code /usr/lib/rabbitmq/bin}
 * directly: Debian's wrappers in /usr/sbin switch to the rabbitmq user, who cannot write here.
 */
public final class PrivateRabbit implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/rabbitmq/bin");

    private final int port;
    private final int distPort;
    private final String node;
    private final Path dir;
    private Process process;

    private PrivateRabbit(int port, int distPort) {
        this.port = port;
        this.distPort = distPort;
        this.node = "rtc-test-" + port + "@localhost";
        this.dir = Path.of("target", "rabbit-" + port).toAbsolutePath();
    }

    /** A new node on a free port, accepting AMQP connections when this returns. */
    public static PrivateRabbit launch() throws IOException, InterruptedException {
        PrivateRabbit rabbit = new PrivateRabbit(ChatInstance.freePort(), ChatInstance.freePort());
        Files.createDirectories(rabbit.dir);
        Files.writeString(rabbit.dir.resolve("enabled_plugins"), "[].\n");
        Files.writeString(rabbit.dir.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + rabbit.port + "\n");
        Files.writeString(rabbit.dir.resolve("rabbitmq-env.conf"), "# this node's settings are all in the environment\n");
        rabbit.start();
        return rabbit;
    }

    /** Starts the node (again, on the same port and data) and waits until its broker runs. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(node + " is already running");
        }
        Files.deleteIfExists(dir.resolve("pid"));
        ProcessBuilder server = command("rabbitmq-server")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
        Process started = server.start();
        process = started;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> kill(started)));
        // waits for the pid file, then for the node, then for the broker application
        if (ctl("wait", dir.resolve("pid").toString(), "--timeout", "60") != 0) {
            kill(started);
            throw new IllegalStateException(node + " did not start; see " + dir.resolve("server.log"));
        }
    }

    /** Halts the node and waits until its process is gone. */
    public synchronized void stop() throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        ctl("stop");
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill(process);
        }
        process = null;
    }

    public int port() {
        return port;
    }

    public String node() {
        return node;
    }

    /** The environment that makes the scripts run (and find) this node; see the class comment. */
    public Map<String, String> environment() {
        return Map.ofEntries(
                Map.entry("HOME", dir.toString()), // the Erlang cookie of server and CLI
                Map.entry("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString()),
                Map.entry("RABBITMQ_NODENAME", node),
                Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
                Map.entry("RABBITMQ_NODE_PORT", Integer.toString(port)),
                Map.entry("RABBITMQ_DIST_PORT", Integer.toString(distPort)),
                Map.entry("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString()),
                Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString()),
                Map.entry("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString()),
                Map.entry("RABBITMQ_LOG_BASE", dir.resolve("log").toString()),
                Map.entry("RABBITMQ_PID_FILE", dir.resolve("pid").toString()),
                Map.entry("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}"),
                Map.entry("ERL_EPMD_ADDRESS", "127.0.0.1"));
    }

    private ProcessBuilder command(String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Files.isExecutable(BIN.resolve(script)) ? BIN.resolve(script).toString() : script);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(environment());
        return builder;
    }

    private int ctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-n", node));
        command.addAll(List.of(args));
        Process ctl = command("rabbitmqctl", command.toArray(String[]::new))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ctl.log").toFile()))
                .start();
        if (!ctl.waitFor(90, TimeUnit.SECONDS)) {
            ctl.destroyForcibly();
            return -1;
        }
        return ctl.exitValue();
    }

    /** The script runs the Erlang VM as a child: end both. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }
}
