package io.rtc.cli.signalr;

import io.rtc.cli.ws.WsClose;
import io.rtc.common.signalr.TransferFormat;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;

/**
 * The WebSocket transport: text frames for JSON, binary frames for MessagePack (the handshake too,
 * as the .NET client sends it: the frame type is the connection's, the handshake's bytes are JSON
 * either way). Every data frame received, of either type, goes to the receiver as it comes, so a
 * record may span frames and a frame hold several. Event-loop only.
 */
final class WebSocketTransport implements HubTransport {

    private static final short NORMAL_CLOSURE = 1000;

    private final ClientWebSocket ws;
    private final boolean binary;
    private boolean stopped;

    private WebSocketTransport(ClientWebSocket ws, boolean binary) {
        this.ws = ws;
        this.binary = binary;
    }

    /** Completes once upgraded; fails with the upgrade's failure ({@code UpgradeRejectedException} for a refusal). */
    static Future<HubTransport> connect(WebSocketClient client, WebSocketConnectOptions options, TransferFormat format,
                                        Receiver receiver) {
        WebSocketTransport transport = new WebSocketTransport(client.webSocket(), format == TransferFormat.BINARY);
        ClientWebSocket ws = transport.ws;
        // Handlers first: the server may write in the same packet as the upgrade's answer.
        ws.handler(data -> receiver.received(data.getByteBuf()));
        ws.exceptionHandler(t -> transport.ended(receiver, "connection failed: " + WsClose.describe(t)));
        ws.closeHandler(v -> transport.ended(receiver, WsClose.describe(ws)));
        return ws.connect(options).map(transport);
    }

    @Override
    public Future<Void> send(Buffer records) {
        return binary ? ws.writeBinaryMessage(records) : ws.writeTextMessage(records.toString(StandardCharsets.UTF_8));
    }

    @Override
    public Future<Void> stop() {
        stopped = true;
        return ws.isClosed() ? Future.succeededFuture() : ws.close(NORMAL_CLOSURE);
    }

    private void ended(Receiver receiver, String reason) {
        if (!stopped) {
            stopped = true;
            if (!ws.isClosed()) {
                ws.close();
            }
            receiver.ended(reason);
        }
    }
}
