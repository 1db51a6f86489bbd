package io.rtc.chat.endpoint;

import jakarta.inject.Singleton;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.rtc.chat.config.ChatConfig;
import io.vertx.core.http.HttpServerOptions;

/**
 * WebSocket settings of the HTTP server. Frames may be larger than a hub message so that an
 * oversized message is answered with SignalR's Close (which names the limit) rather than cut by the
 * frame decoder. No compression: chat records are small, and deflating each one for every member
 * costs more CPU than it saves bytes (ASP.NET does not compress by default either).
 */
@Singleton
public class WebSocketServerOptions implements HttpServerOptionsCustomizer {

    private final ChatConfig config;

    public WebSocketServerOptions(ChatConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        int frameLimit = Math.max(65536, 4 * config.maxMessageSize());
        options.setMaxWebSocketFrameSize(frameLimit)
                .setMaxWebSocketMessageSize(frameLimit)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
    }
}
