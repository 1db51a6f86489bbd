package io.rtc.chat.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of one instance, for a network that breaks: {@link #cutAll()}
 * drops every connection it carries at once with a TCP reset (SO_LINGER 0) on both sides, so neither the
 * client nor the server gets a WebSocket close frame or a FIN, as when a NAT or a Wi-Fi hand-over loses
 * them. New connections go to {@link #target(int)} (changeable: a client that reconnects after a cut can be
 * sent to another instance). Counts the connections it accepted.
 */
public final class CuttingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile int targetPort;
    private volatile boolean closed;

    private record Link(Socket client, Socket upstream) {
    }

    private CuttingProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /** A proxy to {@code 127.0.0.1:targetPort}, accepting on a free loopback port. */
    public static CuttingProxy start(int targetPort) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CuttingProxy proxy = new CuttingProxy(server, targetPort);
        Thread acceptor = new Thread(proxy::acceptLoop, "cutting-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public String hubUrl() {
        return url() + "/chatHub";
    }

    /** Where connections accepted from now on go. */
    public void target(int port) {
        targetPort = port;
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections carried now. */
    public int open() {
        return links.size();
    }

    /** Resets every connection carried now (RST both ways, no FIN, no close frame); how many there were. */
    public int cutAll() {
        List<Link> current = List.copyOf(links);
        for (Link link : current) {
            reset(link.client());
            reset(link.upstream());
            links.remove(link);
        }
        return current.size();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // gone anyway
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
            } catch (IOException e) {
                reset(client);
                reset(upstream);
                continue;
            }
            Link link = new Link(client, upstream);
            links.add(link);
            pump(link, client, upstream, "up");
            pump(link, upstream, client, "down");
        }
    }

    /** Copies one direction; at the end of either direction the whole link closes normally (FIN). */
    private void pump(Link link, Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // cut, or the other side went away
            } finally {
                if (links.remove(link)) {
                    close(link.client());
                    close(link.upstream());
                }
            }
        }, "cutting-proxy-" + direction + "-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // gone anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        close(server);
        cutAll();
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // gone anyway
        }
    }
}
