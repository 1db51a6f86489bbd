package io.rtc.cli.bench.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 response, as a load generator reads it: the status, the headers and the body.
 *
 * @param body the body, de-chunked
 */
public record HttpAnswer(int status, HttpHeaders headers, Buffer body) {

    /** The value of the first header named {@code name} (case-insensitive), or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public String bodyText() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
