package io.rtc.echo.support;

import java.net.URI;

public final class Urls {

    private Urls() {
    }

    /** The WebSocket URI of {@code path} on the server that {@code http} points at. */
    public static URI ws(URI http, String path) {
        return URI.create("ws://" + http.getHost() + ":" + http.getPort() + path);
    }
}
