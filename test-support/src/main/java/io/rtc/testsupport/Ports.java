package io.rtc.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Loopback ports of the servers a test starts: free ones, so that runs never collide with each
 * other or with the shared brokers, and whether a server listens on one yet (or still).
 */
public final class Ports {

    private Ports() {
    }

    /**
     * A port that was free a moment ago: the kernel's pick, released again for the server to bind
     * (another process may take it meanwhile, which the ephemeral range makes rare).
     */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** True when 127.0.0.1:{@code port} takes a TCP connection. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
