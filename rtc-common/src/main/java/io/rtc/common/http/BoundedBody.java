package io.rtc.common.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * A POST body read whole, up to a bound: a client that declares or sends more is refused without the
 * server holding more than the bound for it. Set up before the request handler returns (Vert.x drops
 * what arrives with no handler).
 */
public final class BoundedBody {

    /** The body was larger than the bound. */
    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private BoundedBody() {
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // Vert.x itself refuses a malformed length
        }
    }

    /** The whole body (the caller owns the buffer), or a {@link TooLarge} failure. */
    public static Future<ByteBuf> read(HttpServerRequest request, int limit) {
        Promise<ByteBuf> body = Promise.promise();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declaredLength(declared) > limit) {
            body.fail(new TooLarge());
            return body.future();
        }
        CompositeByteBuf parts = Unpooled.compositeBuffer(64);
        request.handler(chunk -> {
            if (body.future().isComplete()) {
                return;
            }
            if (parts.readableBytes() + chunk.length() > limit) {
                parts.release();
                body.fail(new TooLarge());
            } else {
                parts.addComponent(true, Unpooled.copiedBuffer(chunk.getByteBuf()));
            }
        });
        request.endHandler(v -> {
            if (!body.future().isComplete()) {
                body.complete(parts);
            }
        });
        request.exceptionHandler(e -> {
            if (body.tryFail(e)) {
                parts.release();
            }
        });
        return body.future();
    }
}
