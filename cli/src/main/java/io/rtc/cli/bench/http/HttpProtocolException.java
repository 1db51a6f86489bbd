package io.rtc.cli.bench.http;

import java.io.IOException;

/** The server sent bytes that are not an HTTP/1.1 answer to the request on the connection. */
public final class HttpProtocolException extends IOException {

    public HttpProtocolException(String message) {
        super(message);
    }
}
