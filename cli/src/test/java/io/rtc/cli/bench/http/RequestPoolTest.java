package io.rtc.cli.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rtc.cli.support.FreePort;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestPool} against a TCP server that answers by path: {@code /ok} 200 with the request's number
 * on its connection, {@code /close} the same with {@code Connection: close}, {@code /silent} never,
 * {@code /hangup} by closing the connection.
 */
class RequestPoolTest {

    private Vertx vertx;
    private NetServer server;
    private Context context;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createNetServer().connectHandler(this::serve).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        context = vertx.getOrCreateContext();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void serve(NetSocket socket) {
        connections.incrementAndGet();
        StringBuilder in = new StringBuilder();
        int[] served = {0};
        socket.handler(data -> {
            in.append(data.toString());
            for (int end = in.indexOf("\r\n\r\n"); end >= 0; end = in.indexOf("\r\n\r\n")) {
                String path = in.substring(in.indexOf(" ") + 1, in.indexOf(" HTTP/"));
                in.delete(0, end + 4);
                String body = Integer.toString(++served[0]);
                switch (path) {
                    case "/ok" -> socket.write("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                    case "/close" -> socket.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: "
                            + body.length() + "\r\n\r\n" + body).onComplete(v -> socket.close());
                    case "/hangup" -> socket.close();
                    default -> { } // silent
                }
            }
        });
    }

    /** What became of one request: its answer's body, or the failure's message. */
    private record Outcome(String body, String failure) {
    }

    private List<Outcome> send(int maxConnections, Duration timeout, int port, String... paths) throws Exception {
        CompletableFuture<List<Outcome>> all = new CompletableFuture<>();
        context.runOnContext(v -> {
            RequestPool pool = new RequestPool(context, new NetClientOptions().setConnectTimeout(2000), "127.0.0.1",
                    port, maxConnections, timeout);
            List<Outcome> outcomes = new ArrayList<>();
            for (String path : paths) {
                pool.send(Buffer.buffer("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n"), done -> {
                    outcomes.add(done.succeeded() ? new Outcome(done.result().bodyText(), null)
                            : new Outcome(null, String.valueOf(done.cause().getMessage())));
                    if (outcomes.size() == paths.length) {
                        pool.close().onComplete(c -> all.complete(outcomes));
                    }
                });
            }
        });
        return all.get(20, TimeUnit.SECONDS);
    }

    @Test
    void requestsBeyondTheConnectionsWaitAndReuseThem() throws Exception {
        List<Outcome> outcomes = send(2, Duration.ofSeconds(5), server.actualPort(), "/ok", "/ok", "/ok", "/ok", "/ok", "/ok");

        assertThat(outcomes).extracting(Outcome::failure).containsOnlyNulls();
        assertThat(connections.get()).isEqualTo(2);
        // Three requests on each keep-alive connection.
        assertThat(outcomes).extracting(Outcome::body).containsExactlyInAnyOrder("1", "1", "2", "2", "3", "3");
    }

    @Test
    void anAnswerWithConnectionCloseSendsTheNextOnANewConnection() throws Exception {
        List<Outcome> outcomes = send(1, Duration.ofSeconds(5), server.actualPort(), "/close", "/close", "/ok");

        assertThat(outcomes).extracting(Outcome::body).containsExactly("1", "1", "1");
        assertThat(connections.get()).isEqualTo(3);
    }

    @Test
    void noAnswerWithinTheTimeoutFailsAndFreesTheSlot() throws Exception {
        List<Outcome> outcomes = send(1, Duration.ofMillis(200), server.actualPort(), "/silent", "/ok");

        assertThat(outcomes.get(0).failure()).isEqualTo("no answer within 200 ms");
        assertThat(outcomes.get(1).body()).isEqualTo("1");
    }

    @Test
    void aConnectionClosedBeforeTheAnswerFailsItsRequestOnly() throws Exception {
        List<Outcome> outcomes = send(1, Duration.ofSeconds(5), server.actualPort(), "/hangup", "/ok");

        assertThat(outcomes.get(0).failure()).isNotNull();
        assertThat(outcomes.get(1).body()).isEqualTo("1");
    }

    @Test
    void aRefusedConnectionFailsEachWaitingRequest() throws Exception {
        List<Outcome> outcomes = send(2, Duration.ofSeconds(5), FreePort.find(), "/ok", "/ok", "/ok");

        assertThat(outcomes).hasSize(3).allSatisfy(o -> assertThat(o.failure()).containsIgnoringCase("refused"));
    }
}
