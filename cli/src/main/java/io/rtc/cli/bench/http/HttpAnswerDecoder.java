package io.rtc.cli.bench.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.vertx.core.buffer.Buffer;

/**
 * The answers in the bytes read from one HTTP/1.1 connection, cut by Netty's codec (its response decoder
 * and aggregator, in a channel of their own): bodies framed by Content-Length, by chunks or by the end of
 * the connection; interim 1xx answers skipped. An answer is handed out once it is complete, so it is
 * buffered whole: a generator's answers are small. One connection's thread only.
 */
final class HttpAnswerDecoder {

    static final int MAX_HEAD_BYTES = 64 * 1024;
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    // Header names and values are not checked character by character: the generator reads only the status,
    // the body and Retry-After, and the check costs generator CPU on every answer.
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new HttpResponseDecoder(new HttpDecoderConfig().setMaxHeaderSize(MAX_HEAD_BYTES).setValidateHeaders(false)),
            new HttpObjectAggregator(MAX_BODY_BYTES));
    private boolean keepAlive = true;

    void feed(Buffer data) throws HttpProtocolException {
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(data.getBytes()));
        } catch (Exception e) { // too long: the aggregator throws rather than marks the answer (or the channel closed)
            throw new HttpProtocolException(e.getMessage());
        }
    }

    /** The next complete answer, or null until more bytes come. */
    HttpAnswer next() throws HttpProtocolException {
        for (FullHttpResponse response = channel.readInbound(); response != null; response = channel.readInbound()) {
            try {
                if (response.decoderResult().isFailure()) {
                    throw new HttpProtocolException(String.valueOf(response.decoderResult().cause().getMessage()));
                }
                if (response.status().code() >= 200) { // 100 Continue, 103 Early Hints: the real answer follows
                    keepAlive = HttpUtil.isKeepAlive(response);
                    return new HttpAnswer(response.status().code(), response.headers(),
                            Buffer.buffer(ByteBufUtil.getBytes(response.content())));
                }
            } finally {
                response.release();
            }
        }
        return null;
    }

    /** The connection ended: the answer whose body ran until the end, or null. */
    HttpAnswer atEnd() throws HttpProtocolException {
        try {
            channel.finish();
        } catch (Exception e) {
            throw new HttpProtocolException(e.getMessage());
        }
        HttpAnswer last = next();
        keepAlive = false;
        return last;
    }

    /** The connection is given up: frees what the codec holds of a partial answer. */
    void discard() {
        try {
            channel.finishAndReleaseAll();
        } catch (Exception e) {
            // An answer cut short: nobody waits for it any more.
        }
    }

    /** Whether the connection may carry another request after the last answer. */
    boolean keepAlive() {
        return keepAlive;
    }
}
