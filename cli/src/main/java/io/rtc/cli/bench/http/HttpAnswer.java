package io.rtc.cli.bench.http;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 response, as a load generator reads it: the status and the body, and the head kept as it
 * came, so that a header is only looked for by the rare caller that needs one (a 503's Retry-After).
 *
 * @param head the status line and the header lines, without the blank line that ends them
 * @param body the body, de-chunked
 */
public record HttpAnswer(int status, Buffer head, Buffer body) {

    /** The value of the first header named {@code name} (case-insensitive), trimmed, or null. */
    public String header(String name) {
        // Header bytes outside ASCII are opaque (RFC 9110, 5.5): ISO-8859-1 keeps each as one char.
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon == name.length() && lines[i].regionMatches(true, 0, name, 0, colon)) {
                return lines[i].substring(colon + 1).strip();
            }
        }
        return null;
    }

    public String bodyText() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
