// A bare Vert.x WebSocket echo server: the baseline that echo-service is compared with.
// Same replies as echo-service: text M -> "Server Response: " + M, binary -> the same bytes.
// Like Quarkus, it deploys one verticle instance per event loop, all sharing one listening port.
//
// Run as a single-file source program, with the jars the cli module already packages:
//   java -cp "cli/target/quarkus-app/lib/main/*" bench/peers/VertxEcho.java [port] [eventLoops]
// Defaults: port 8090, 2 event loops. Listens on 127.0.0.1 only.

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;

public class VertxEcho extends AbstractVerticle {

    private static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final String PREFIX = "Server Response: ";

    private final int port;

    VertxEcho(int port) {
        this.port = port;
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        int eventLoops = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        vertx.deployVerticle(() -> new VertxEcho(port), new DeploymentOptions().setInstances(eventLoops))
                .onSuccess(id -> System.out.println("VertxEcho listening on ws://127.0.0.1:" + port
                        + "/ with " + eventLoops + " event loops"))
                .onFailure(t -> {
                    t.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                // A 64 KiB message may arrive as one frame.
                .setMaxWebSocketFrameSize(MAX_MESSAGE_BYTES)
                .setMaxWebSocketMessageSize(MAX_MESSAGE_BYTES);
        vertx.createHttpServer(options)
                .webSocketHandler(ws -> {
                    ws.textMessageHandler(text -> ws.writeTextMessage(PREFIX.concat(text)));
                    ws.binaryMessageHandler(ws::writeBinaryMessage);
                })
                .listen()
                .<Void>mapEmpty()
                .onComplete(started);
    }
}
