package io.rtc.cli.bench.fanout;

import io.rtc.cli.fanout.LogsUrl;
import io.rtc.cli.fanout.MessageIds;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of the benchmark's {@code POST /api/logs}, one buffer per message: the request line and the
 * fixed headers are encoded once, then each message adds its {@code Message-Id}, its length and its body.
 * Thread-safe (immutable).
 */
final class PublishRequests {

    private static final byte[] CONTENT_LENGTH = bytes("\r\nContent-Length: ");
    private static final byte[] END_OF_HEAD = bytes("\r\n\r\n");

    /** Up to and with "Message-Id: ". */
    private final byte[] head;
    private final BenchIds ids;
    private final FanoutPayload payload;

    PublishRequests(LogsUrl url, String contentType, BenchIds ids, FanoutPayload payload) {
        if (!oneLine(contentType)) {
            throw new IllegalArgumentException("the content type must be printable ASCII: " + contentType);
        }
        this.head = bytes("POST " + url.basePath() + LogsUrl.LOGS_PATH + " HTTP/1.1\r\n"
                + "Host: " + authority(url) + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + MessageIds.HEADER + ": ");
        this.ids = ids;
        this.payload = payload;
    }

    /** Whether {@code value} can be a header value as it is: printable ASCII and tabs. */
    static boolean oneLine(String value) {
        return value.chars().allMatch(c -> c == '\t' || (c >= ' ' && c < 127));
    }

    /** Message {@code seq} of shard {@code shard}, sent at {@code sendNanos} (see {@link FanoutPayload}). */
    Buffer encode(int shard, long seq, boolean measured, long sendNanos, long sendWallMicros) {
        Buffer body = payload.body(measured, sendNanos, sendWallMicros);
        String id = ids.id(shard, seq);
        // The id and the length are ASCII, so their UTF-8 is the bytes wanted.
        return Buffer.buffer(head.length + id.length() + 32 + body.length())
                .appendBytes(head)
                .appendString(id)
                .appendBytes(CONTENT_LENGTH)
                .appendString(Integer.toString(body.length()))
                .appendBytes(END_OF_HEAD)
                .appendBuffer(body);
    }

    /** host:port as the Host header wants it (RFC 9110, 7.2): without the scheme's port, IPv6 in brackets. */
    static String authority(LogsUrl url) {
        boolean defaultPort = url.port() == (url.ssl() ? 443 : 80);
        return defaultPort ? url.hostInUrl() : url.hostInUrl() + ":" + url.port();
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
