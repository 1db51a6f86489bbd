package io.rtc.cli.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class HttpAnswerDecoderTest {

    private final HttpAnswerDecoder decoder = new HttpAnswerDecoder();

    private HttpAnswer feed(String bytes) throws HttpProtocolException {
        decoder.feed(Buffer.buffer(bytes));
        return decoder.next();
    }

    @Test
    void anAnswerWithContentLengthKeepsTheConnection() throws Exception {
        HttpAnswer answer = feed("HTTP/1.1 202 Accepted\r\nContent-Type: application/json;charset=UTF-8\r\n"
                + "content-length: 18\r\n\r\n{\"id\":\"zzprobe-1\"}");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.bodyText()).isEqualTo("{\"id\":\"zzprobe-1\"}");
        assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(answer.header("retry-after")).isNull();
        assertThat(decoder.keepAlive()).isTrue();
        assertThat(decoder.next()).isNull();
    }

    @Test
    void anAnswerInPiecesComesOnceComplete() throws Exception {
        String whole = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nContent-Length: 5\r\n\r\nbusy!";
        for (int cut = 1; cut < whole.length(); cut++) {
            HttpAnswerDecoder pieces = new HttpAnswerDecoder();
            pieces.feed(Buffer.buffer(whole.substring(0, cut)));
            assertThat(pieces.next()).as("cut at %d", cut).isNull();
            pieces.feed(Buffer.buffer(whole.substring(cut)));
            HttpAnswer answer = pieces.next();
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.header("RETRY-AFTER")).isEqualTo("2");
            assertThat(answer.bodyText()).isEqualTo("busy!");
        }
    }

    @Test
    void twoAnswersInOneReadComeOneAfterTheOther() throws Exception {
        assertThat(feed("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                .bodyText()).isEqualTo("a");
        assertThat(decoder.next().status()).isEqualTo(404);
        assertThat(decoder.next()).isNull();
    }

    @Test
    void chunkedBodiesArePutTogether() throws Exception {
        assertThat(feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nWiki\r\n")).isNull();
        HttpAnswer answer = feed("5\r\npedia\r\n0\r\nTrailer: t\r\n\r\n");
        assertThat(answer.bodyText()).isEqualTo("Wikipedia");
        assertThat(decoder.keepAlive()).isTrue();
    }

    @Test
    void interimAnswersAreSkipped() throws Exception {
        assertThat(feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n").status())
                .isEqualTo(202);
    }

    @Test
    void aBodyWithoutLengthRunsUntilTheConnectionEnds() throws Exception {
        assertThat(feed("HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\noops")).isNull();
        assertThat(feed(" again")).isNull();
        HttpAnswer answer = decoder.atEnd();
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.bodyText()).isEqualTo("oops again");
        assertThat(decoder.keepAlive()).isFalse();
    }

    @Test
    void connectionCloseAndHttp10EndTheConnection() throws Exception {
        feed("HTTP/1.1 202 Accepted\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n");
        assertThat(decoder.keepAlive()).isFalse();
        HttpAnswerDecoder http10 = new HttpAnswerDecoder();
        http10.feed(Buffer.buffer("HTTP/1.0 202 Accepted\r\nContent-Length: 0\r\n\r\n"));
        assertThat(http10.next().status()).isEqualTo(202);
        assertThat(http10.keepAlive()).isFalse();
        http10.feed(Buffer.buffer("HTTP/1.0 202 Accepted\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"));
        http10.next();
        assertThat(http10.keepAlive()).isTrue();
    }

    @Test
    void noBodyFor204EvenWithoutLength() throws Exception {
        assertThat(feed("HTTP/1.1 204 No Content\r\n\r\n").body().length()).isZero();
        assertThat(decoder.keepAlive()).isTrue();
    }

    @Test
    void garbageIsAProtocolError() {
        assertThatThrownBy(() -> feed("SSH-2.0-OpenSSH_9.2\r\n\r\n")).isInstanceOf(HttpProtocolException.class)
                .hasMessageContaining("SSH-2.0");
        assertThatThrownBy(() -> new HttpAnswerDecoderTest().feed("HTTP/1.1 20x OK\r\n\r\n"))
                .isInstanceOf(HttpProtocolException.class);
        assertThatThrownBy(() -> new HttpAnswerDecoderTest().feed("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"))
                .isInstanceOf(HttpProtocolException.class);
        // (Netty reads a header line without a colon, "no colon", as a header "no" with no value.)
        assertThatThrownBy(() -> new HttpAnswerDecoderTest().feed("HTTP/1.1 200 OK\r\nX-Big: "
                + "x".repeat(HttpAnswerDecoder.MAX_HEAD_BYTES) + "\r\nContent-Length: 0\r\n\r\n"))
                .isInstanceOf(HttpProtocolException.class);
        assertThatThrownBy(() -> new HttpAnswerDecoderTest().feed("HTTP/1.1 200 OK\r\nContent-Length: "
                + (HttpAnswerDecoder.MAX_BODY_BYTES + 1) + "\r\n\r\n")).isInstanceOf(HttpProtocolException.class);
        assertThatThrownBy(() -> new HttpAnswerDecoderTest().feed(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")).isInstanceOf(HttpProtocolException.class);
    }
}
