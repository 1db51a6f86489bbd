package io.rtc.cli.ws;

import io.vertx.core.http.WebSocketBase;

/** Words for how a WebSocket ended, for the one line a user or a report gets. */
public final class WsClose {

    private WsClose() {
    }

    /** Call from the close handler: the server's code and reason, or that there was no close frame. */
    public static String describe(WebSocketBase ws) {
        Short code = ws.closeStatusCode();
        if (code == null) {
            return "connection dropped without a close frame";
        }
        String reason = ws.closeReason();
        return "connection closed by the server (code " + code
                + (reason == null || reason.isEmpty() ? "" : ", reason: " + reason) + ")";
    }

    public static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
