package io.rtc.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of a test's own (never the shared one), for tests that stop, kill or restart the
 * broker or raise its alarms: node {@code rtc-test-<port>@localhost} on a free AMQP port (loopback
 * only), its own distribution port, no plugins (the management plugin would clash with the shared
 * node's port 15672), its own config (the system's binds 5672), data, logs and Erlang cookie under
 * {@code target/rabbit-<port>/}. The data survives {@link #stop()} and {@link #kill()}, so durable
 * queues and persistent messages come back with {@link #start()}, as on a real restart.
 * <p>
 * Runs the scripts of {@code /usr/lib/rabbitmq/bin} directly: Debian's wrappers in /usr/sbin switch
 * to the rabbitmq user, who cannot write here. The server runs in the foreground as this JVM's child,
 * killed by a shutdown hook if the test leaves it running.
 */
public final class PrivateRabbit implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/rabbitmq/bin");
    private static final int CTL_TIMEOUT_SECONDS = 90;
    private static PrivateRabbit shared;

    private final int port;
    private final int distPort;
    private final String node;
    private final Path dir;
    private volatile Process process;

    private PrivateRabbit(int port, int distPort) {
        this.port = port;
        this.distPort = distPort;
        this.node = "rtc-test-" + port + "@localhost";
        this.dir = Path.of("target", "rabbit-" + port).toAbsolutePath();
    }

    /** A new node on free ports, accepting AMQP connections when this returns. */
    public static PrivateRabbit launch() throws IOException, InterruptedException {
        PrivateRabbit rabbit = new PrivateRabbit(Ports.free(), Ports.free());
        Files.createDirectories(rabbit.dir);
        Files.writeString(rabbit.dir.resolve("enabled_plugins"), "[].\n");
        Files.writeString(rabbit.dir.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + rabbit.port + "\n");
        Files.writeString(rabbit.dir.resolve("rabbitmq-env.conf"), "# this node's settings are all in the environment\n");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = rabbit.process;
            if (running != null) {
                destroyTree(running);
            }
        }, rabbit.node + " shutdown"));
        rabbit.start();
        return rabbit;
    }

    /**
     * One node for all the tests of this JVM that ask for it, launched by the first and left running
     * until the JVM exits: for tests that need a broker of their own but not its restarts (a second
     * consumer on the shared broker's queues would take half of their messages).
     */
    public static synchronized PrivateRabbit shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = launch();
        }
        return shared;
    }

    /** Starts the node (again, on the same port and data) and waits until its broker runs. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(node + " is already running");
        }
        Files.deleteIfExists(dir.resolve("pid"));
        note("rabbitmq-server");
        process = command("rabbitmq-server").start();
        // waits for the pid file, then for the node, then for the broker application (listeners included)
        if (ctl("wait", dir.resolve("pid").toString(), "--timeout", "60") != 0) {
            kill();
            throw new IllegalStateException(node + " did not start; see " + log());
        }
    }

    /** Stops the node as an operator would ({@code rabbitmqctl stop}) and waits until its process is gone. */
    public synchronized void stop() throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        ctl("stop");
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            destroyTree(process);
        }
        process = null;
    }

    /** Kills the node at once (SIGKILL, no goodbye to its clients), as a crash would; {@link #start()} recovers it. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        destroyTree(process);
        process = null;
    }

    /**
     * Runs {@code rabbitmqctl -n <node> <args>} against this node, its output appended to {@link #log()};
     * the exit code, or -1 if it did not finish within 90 s.
     */
    public int ctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-n", node));
        command.addAll(List.of(args));
        note("rabbitmqctl " + String.join(" ", command));
        Process ctl = command("rabbitmqctl", command.toArray(String[]::new)).start();
        if (!ctl.waitFor(CTL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            destroyTree(ctl);
            return -1;
        }
        return ctl.exitValue();
    }

    /**
     * Sets the memory alarm's threshold, a fraction of the machine's memory: a tiny one (1e-7) raises
     * the alarm at once, and the broker blocks each connection at its next publish (connection.blocked;
     * one that only consumes goes on); 0.4, the default, clears it (connection.unblocked).
     */
    public void setMemoryHighWatermark(double fraction) throws IOException, InterruptedException {
        String value = Double.toString(fraction); // 1.0E-7 is fine; a locale's decimal comma would not be
        int exit = ctl("set_vm_memory_high_watermark", value);
        if (exit != 0) {
            throw new IllegalStateException("set_vm_memory_high_watermark " + value + " failed (" + exit + "); see " + log());
        }
    }

    /** True when the node's AMQP port takes a connection. */
    public boolean accepting() {
        return Ports.listening(port);
    }

    public int port() {
        return port;
    }

    public String amqpUrl() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    public String node() {
        return node;
    }

    /** The server's console output and every rabbitmqctl run, in order; the broker's own log is in {@code log/}. */
    public Path log() {
        return dir.resolve("node.log");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    /** The environment that makes the scripts run (and find) this node; see the class comment. */
    private Map<String, String> environment() {
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
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().putAll(environment());
        return builder;
    }

    /** A line in the log before each command, so that its output can be told from the server's. */
    private void note(String command) {
        try {
            Files.writeString(log(), "$ " + command + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The script runs the Erlang VM as a child: ends both, and returns once they are gone, so that a
     * start right after finds the ports and the data free.
     */
    private static void destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(handle -> handle.onExit().join());
    }
}
