package io.rtc.chat.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;

import io.rtc.testsupport.Ports;

/**
 * A private nginx (Debian's nginx-light, {@code scripts/test-deps.sh}) in front of chat-service instances, as a
 * plain round-robin load balancer: no sticky sessions, no keepalive to the upstreams, so consecutive requests
 * really alternate between the instances (negotiate, the SSE stream, each poll and each POST alike). It runs as
 * the current user with everything under {@code target/nginx-<port>/} (config, pid, logs, temp files) on free
 * loopback ports of its own:
 * <ul>
 * <li>{@link #url()}: WebSocket upgrades are passed on ({@code Upgrade}/{@code Connection}), responses are not
 * buffered, reads wait 5 minutes (SSE streams, long polls);</li>
 * <li>{@link #noUpgradeUrl()}: the same, but a WebSocket upgrade is answered 403 by nginx itself, as by a proxy
 * that does not do WebSockets: clients must fall back to Server-Sent Events or Long Polling.</li>
 * </ul>
 * Every response carries {@code X-Upstream} (the instance's {@code host:port} that answered) and the access log
 * {@code logs/access.log} says which instance served each request ({@link #upstreamsById()}).
 */
public final class Nginx implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getenv().getOrDefault("NGINX", "/usr/sbin/nginx"));
    /** The access log's lines: {@code <method> <uri> <status> upstream=<addr>[, <addr>]}. */
    private static final Pattern ACCESS = Pattern.compile("^(\\S+) (\\S+) (\\d{3}) upstream=(.*)$");
    private static final Pattern ID = Pattern.compile("[?&]id=([^&\\s]+)");

    private final Process process;
    private final Path prefix;
    private final int port;
    private final int noUpgradePort;

    private Nginx(Process process, Path prefix, int port, int noUpgradePort) {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
        this.noUpgradePort = noUpgradePort;
    }

    /** Starts nginx balancing over the given base URLs ({@code http://127.0.0.1:<port>}) and waits until it listens. */
    public static Nginx start(List<String> backends) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: run scripts/test-deps.sh (it installs Debian's nginx-light)");
        }
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("no backends");
        }
        int port = Ports.free();
        int noUpgradePort = Ports.free();
        Path prefix = Path.of("target", "nginx-" + port).toAbsolutePath();
        for (String dir : List.of("logs", "temp/body", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi")) {
            Files.createDirectories(prefix.resolve(dir));
        }
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, config(prefix, backends, port, noUpgradePort));
        Path errorLog = prefix.resolve("logs/error.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(BINARY.toString(), "-p", prefix + "/", "-c", conf.toString(),
                "-e", errorLog.toString(), "-g", "daemon off;"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(prefix.resolve("logs/nginx.out").toFile()));
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        Nginx nginx = new Nginx(process, prefix, port, noUpgradePort);
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited with " + process.exitValue() + " at start: " + nginx.diagnostics());
                }
                return Ports.listening(port) && Ports.listening(noUpgradePort);
            });
        } catch (ConditionTimeoutException e) {
            nginx.close();
            throw new IllegalStateException("nginx did not listen on " + port + " and " + noUpgradePort + " within 15 s: "
                    + nginx.diagnostics(), e);
        } catch (RuntimeException e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    private static String config(Path prefix, List<String> backends, int port, int noUpgradePort) {
        StringBuilder servers = new StringBuilder();
        for (String backend : backends) {
            URI uri = URI.create(backend);
            // max_fails/fail_timeout: an instance that refuses connections (stopped) is skipped for 2 s, then tried again
            servers.append("        server ").append(uri.getHost()).append(':').append(uri.getPort())
                    .append(" max_fails=1 fail_timeout=2s;\n");
        }
        String proxied = """
                proxy_pass http://chat;
                proxy_set_header Host $http_host;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                """;
        // As root the workers would become "nobody", who may not write the temp paths under target/: stay root.
        // As anyone else nginx cannot change users and runs the workers as the current user.
        String user = "root".equals(System.getProperty("user.name")) ? "user root root;\n" : "";
        return user + """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log info;
                events {
                    worker_connections 1024;
                }
                http {
                    log_format upstreams '$request_method $request_uri $status upstream=$upstream_addr';
                    access_log %1$s/logs/access.log upstreams;
                    client_body_temp_path %1$s/temp/body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    # the service decides on sizes (CHAT_MAX_POST_SIZE), not nginx's 1 MiB default
                    client_max_body_size 0;
                    # WebSocket upgrades only (not h2c, which the JDK's HttpClient asks for by default)
                    map $http_upgrade $websocket_upgrade {
                        ~*^websocket$ $http_upgrade;
                        default "";
                    }
                    map $http_upgrade $connection_upgrade {
                        ~*^websocket$ upgrade;
                        default close;
                    }
                    # round robin, no keepalive: every request opens a new connection to the next instance
                    upstream chat {
                %2$s    }
                    proxy_http_version 1.1;
                    proxy_buffering off;
                    proxy_request_buffering off;
                    proxy_read_timeout 300s;
                    proxy_send_timeout 300s;
                    proxy_connect_timeout 5s;
                    add_header X-Upstream $upstream_addr always;
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                %5$s            proxy_set_header Upgrade $websocket_upgrade;
                            proxy_set_header Connection $connection_upgrade;
                        }
                    }
                    # a proxy that does not do WebSockets: upgrades refused, everything else passed on
                    server {
                        listen 127.0.0.1:%4$d;
                        location / {
                            if ($http_upgrade ~* "^websocket$") {
                                return 403;
                            }
                %5$s            proxy_set_header Upgrade "";
                            proxy_set_header Connection close;
                        }
                    }
                }
                """.formatted(prefix, servers, port, noUpgradePort, proxied.indent(12));
    }

    /** The main port: {@code http://127.0.0.1:<port>}, WebSockets passed on. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The port that refuses WebSocket upgrades (403). */
    public String noUpgradeUrl() {
        return "http://127.0.0.1:" + noUpgradePort;
    }

    public String hubUrl() {
        return url() + "/chatHub";
    }

    public String noUpgradeHubUrl() {
        return noUpgradeUrl() + "/chatHub";
    }

    public Path prefix() {
        return prefix;
    }

    /** The access log so far, one request a line: {@code <method> <uri> <status> upstream=<addr>}. */
    public List<String> accessLog() throws IOException {
        Path log = prefix.resolve("logs/access.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /**
     * For each connection token ({@code ?id=}) in the access log from line {@code from} on, the instances
     * ({@code host:port}) that served its requests (the SSE stream, polls, POSTs, DELETEs, the WebSocket).
     */
    public Map<String, Set<String>> upstreamsById(int from) throws IOException {
        Map<String, Set<String>> byId = new LinkedHashMap<>();
        List<String> lines = accessLog();
        for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
            Matcher access = ACCESS.matcher(line);
            if (!access.matches()) {
                continue;
            }
            Matcher id = ID.matcher(access.group(2));
            if (!id.find()) {
                continue;
            }
            Set<String> upstreams = byId.computeIfAbsent(id.group(1), k -> new TreeSet<>());
            for (String upstream : access.group(4).split(",\\s*")) {
                if (!upstream.isBlank() && !"-".equals(upstream)) {
                    upstreams.add(upstream.trim());
                }
            }
        }
        return byId;
    }

    /** The error log and nginx's own output, for failure messages. */
    public String diagnostics() {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("logs/error.log", "logs/nginx.out")) {
            Path file = prefix.resolve(name);
            try {
                parts.add(name + ":\n" + (Files.exists(file) ? Files.readString(file) : "(none)"));
            } catch (IOException e) {
                parts.add(name + ": " + e);
            }
        }
        return String.join("\n", parts) + "\nconfig: " + prefix.resolve("nginx.conf");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops nginx (SIGTERM: fast shutdown, SIGKILL after 10 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
