package io.rtc.cli.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A tiny echo server on a free port of 127.0.0.1, speaking the echo protocol, with paths that misbehave
 * on purpose: {@code /wrong} corrupts every 10th text reply, {@code /close} closes with 1008 on
 * the first message, {@code /silent} never answers.
 */
public final class TestEchoServer implements AutoCloseable {

    public static final int WRONG_EVERY = 10;
    private static final String PREFIX = "Server Response: ";

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Short> closeCodes = new CopyOnWriteArrayList<>();

    private TestEchoServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setMaxWebSocketFrameSize(64 * 1024).setMaxWebSocketMessageSize(64 * 1024))
                .webSocketHandler(this::accept)
                .listen()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static TestEchoServer start() throws Exception {
        return new TestEchoServer();
    }

    public String url(String path) {
        return "ws://127.0.0.1:" + server.actualPort() + path;
    }

    /** Close codes the server received from clients, in order. */
    public List<Short> closeCodes() {
        return closeCodes;
    }

    private void accept(ServerWebSocket ws) {
        ws.closeHandler(v -> closeCodes.add(ws.closeStatusCode()));
        switch (ws.path()) {
            case "/wrong" -> {
                long[] count = {0};
                ws.textMessageHandler(text -> {
                    boolean corrupt = ++count[0] % WRONG_EVERY == 0;
                    ws.writeTextMessage(PREFIX + (corrupt ? text.substring(1) + "?" : text));
                });
            }
            case "/close" -> ws.textMessageHandler(text -> ws.close((short) 1008, "policy violated"));
            case "/silent" -> ws.textMessageHandler(text -> { });
            default -> {
                ws.textMessageHandler(text -> ws.writeTextMessage(PREFIX + text));
                ws.binaryMessageHandler(ws::writeBinaryMessage);
            }
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
