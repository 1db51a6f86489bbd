package io.rtc.echo.config;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/** The one server option Quarkus has no key for: how long a close handshake may wait for the peer. */
@ApplicationScoped
public class WebSocketServerOptions implements HttpServerOptionsCustomizer {

    private final EchoConfig config;

    WebSocketServerOptions(EchoConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setWebSocketClosingTimeout((int) Math.max(1, config.closeTimeout().toSeconds()));
    }
}
