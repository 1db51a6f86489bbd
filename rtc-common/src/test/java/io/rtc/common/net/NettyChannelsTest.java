package io.rtc.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;

/** Fails when a Vert.x upgrade moves the internals that {@link NettyChannels} opens to the services. */
class NettyChannelsTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static final CompletableFuture<Channel> CHANNEL = new CompletableFuture<>();
    private static final CompletableFuture<Boolean> SAME_LOOP = new CompletableFuture<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            Channel channel = NettyChannels.of(request.connection());
            EventLoop loop = NettyChannels.eventLoop(vertx.getOrCreateContext());
            SAME_LOOP.complete(channel.eventLoop() == loop && loop.inEventLoop());
            CHANNEL.complete(channel);
            // no answer: the test cuts the connection while the client still waits
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void channelLoopAndCutReachNetty() throws Exception {
        HttpClient client = vertx.createHttpClient();
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/").compose(request -> request.send())
                .onComplete(result -> failed.complete(result.cause()));

        Channel channel = CHANNEL.get(10, TimeUnit.SECONDS);
        assertThat(channel.isActive()).isTrue();
        assertThat(SAME_LOOP.get(10, TimeUnit.SECONDS)).as("the context's loop is the connection's").isTrue();
        assertThat(channel.pipeline().get(NettyChannels.VERTX_HANDLER)).as("Vert.x's handler under its pipeline name").isNotNull();
        assertThat(channel.eventLoop().submit(() -> NettyChannels.addBeforeVertx(channel, "guard",
                new io.netty.channel.ChannelInboundHandlerAdapter())).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(channel.pipeline().names()).containsSubsequence("guard", NettyChannels.VERTX_HANDLER);

        channel.eventLoop().execute(() -> NettyChannels.cut(channel));
        assertThat(failed.get(10, TimeUnit.SECONDS)).as("the client saw its connection cut").isNotNull();
        assertThat(channel.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
    }
}
