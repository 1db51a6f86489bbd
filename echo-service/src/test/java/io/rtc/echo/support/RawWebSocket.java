package io.rtc.echo.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written against RFC 6455 byte by byte, so tests can send what well-behaved
 * clients never send (invalid UTF-8, oversized frames, odd fragmentation) and cut the TCP
 * connection without a close frame. It answers nothing by itself: pings stay unanswered.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 0x1, BINARY = 0x2, CONTINUATION = 0x0, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /** Opens the TCP connection and completes the opening handshake; fails unless the server answers 101. */
    public static RawWebSocket connect(URI uri) throws IOException {
        return connect(uri, 0);
    }

    /** Like {@link #connect(URI)}, with a small TCP receive buffer (bytes, 0 for the default) to play a slow reader. */
    public static RawWebSocket connect(URI uri, int receiveBufferBytes) throws IOException {
        return connect(uri, receiveBufferBytes, null, Map.of());
    }

    /**
     * Like {@link #connect(URI)}, from a local address of the caller's choice (null: the system's; on Linux any of
     * 127.0.0.0/8 reaches a server on 127.0.0.1) and with extra request headers (e.g. {@code X-Forwarded-For}).
     * A refused upgrade throws {@link Refused}, which carries the status, the headers and the body.
     */
    public static RawWebSocket connect(URI uri, InetAddress localAddress, Map<String, String> headers) throws IOException {
        return connect(uri, 0, localAddress, headers);
    }

    private static RawWebSocket connect(URI uri, int receiveBufferBytes, InetAddress localAddress,
            Map<String, String> headers) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        RawWebSocket ws = new RawWebSocket(socket);
        try {
            ws.handshake(uri, headers);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return ws;
    }

    /** Sends the upgrade request and reads the answer; anything but a 101 with the right accept key throws. */
    private void handshake(URI uri, Map<String, String> extraHeaders) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n");
        extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine();
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        if (!status.startsWith("HTTP/1.1 101")) {
            String length = headers.get("content-length");
            byte[] body = new byte[length == null ? 0 : Integer.parseInt(length)];
            in.readFully(body);
            throw new Refused(status, headers, new String(body, StandardCharsets.UTF_8));
        }
        String accept = headers.get("sec-websocket-accept");
        if (!expectedAccept(key).equals(accept)) {
            throw new IOException("Bad Sec-WebSocket-Accept: " + accept);
        }
    }

    /** The server answered the upgrade with something other than 101. */
    public static final class Refused extends IOException {

        private final String statusLine;
        private final Map<String, String> headers;
        private final String body;

        Refused(String statusLine, Map<String, String> headers, String body) {
            super("Upgrade refused: " + statusLine);
            this.statusLine = statusLine;
            this.headers = Map.copyOf(headers);
            this.body = body;
        }

        /** The status code, e.g. 429. */
        public int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** A response header by name (any case), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String body() {
            return body;
        }
    }

    private static String expectedAccept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("Connection closed during the handshake");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    public void sendText(String text) throws IOException {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one masked frame, as a client must. */
    public void send(int opcode, boolean fin, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    public void sendClose(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        send(CLOSE, true, payload);
    }

    /** Reads the next frame, whatever its kind (server frames are never masked). */
    public Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0F, (first & 0x80) != 0, payload);
    }

    /** Reads frames until the first one that is not a ping. */
    public Frame readSkippingPings() throws IOException {
        Frame frame = read();
        while (frame.opcode() == PING) {
            frame = read();
        }
        return frame;
    }

    /** True once the server has closed the TCP connection (EOF or reset), waiting up to the socket timeout. */
    public boolean serverClosedTcp() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // a reset counts as closed
        }
    }

    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Drops the connection with a TCP reset: no close frame, no FIN. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    public record Frame(int opcode, boolean fin, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        public String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }
}
