package io.rtc.chat.endpoint;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** The hub's short plain-text HTTP answers. */
final class Answers {

    private Answers() {
    }

    static void text(RoutingContext ctx, int status, String message) {
        if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(message + "\n");
        }
    }

    /** During shutdown the client is sent elsewhere: its retry finds another instance. */
    static void shuttingDown(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        text(ctx, 503, "Server is shutting down: connect to another instance");
    }
}
