package io.rtc.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.echo.support.JdkWebSocket;
import io.rtc.echo.support.RawWebSocket;
import io.rtc.echo.support.Urls;

/** What a well-behaved client sees: replies on both paths, whole messages up to the limit, a clean close. */
@QuarkusTest
class EchoMessagesTest {

    static final int LIMIT = 64 * 1024;

    @TestHTTPResource("/")
    URI http;

    @ParameterizedTest
    @ValueSource(strings = { "/", "/echo" })
    void textIsAnsweredWithTheServerResponsePrefix(String path) throws Exception {
        try (JdkWebSocket ws = JdkWebSocket.connect(Urls.ws(http, path))) {
            assertThat(ws.sendAndReceiveText("hello")).isEqualTo("Server Response: hello");
            assertThat(ws.sendAndReceiveText("")).isEqualTo("Server Response: ");
            assertThat(ws.sendAndReceiveText("héllo wörld ✓ 😀")).isEqualTo("Server Response: héllo wörld ✓ 😀");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/echo" })
    void binaryComesBackByteForByte(String path) throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        try (JdkWebSocket ws = JdkWebSocket.connect(Urls.ws(http, path))) {
            assertThat(ws.sendAndReceiveBinary(bytes)).isEqualTo(bytes);
        }
    }

    @Test
    void aMessageOfExactlyTheLimitComesBackWhole() throws Exception {
        String text = "a".repeat(LIMIT - 4) + "end!";
        byte[] bytes = new byte[LIMIT];
        Arrays.fill(bytes, (byte) 0x5A);
        bytes[LIMIT - 1] = 1;
        try (JdkWebSocket ws = JdkWebSocket.connect(Urls.ws(http, "/echo"))) {
            String reply = ws.sendAndReceiveText(text);
            assertThat(reply).hasSize(LIMIT + "Server Response: ".length()).isEqualTo("Server Response: " + text);
            assertThat(ws.sendAndReceiveBinary(bytes)).isEqualTo(bytes);
        }
    }

    @Test
    void fragmentsAreReassembledIntoOneMessage() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            ws.send(RawWebSocket.TEXT, false, "Hel".getBytes(StandardCharsets.UTF_8));
            ws.send(RawWebSocket.PING, true, "mid".getBytes(StandardCharsets.UTF_8)); // control frames may interleave
            ws.send(RawWebSocket.CONTINUATION, false, "lo, ".getBytes(StandardCharsets.UTF_8));
            ws.send(RawWebSocket.CONTINUATION, true, "world".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame pong = ws.readSkippingPings();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.text()).isEqualTo("mid");
            RawWebSocket.Frame reply = ws.readSkippingPings();
            assertThat(reply.opcode()).isEqualTo(RawWebSocket.TEXT);
            assertThat(reply.text()).isEqualTo("Server Response: Hello, world");
        }
    }

    @Test
    void repliesKeepTheOrderOfMessages() throws Exception {
        try (JdkWebSocket ws = JdkWebSocket.connect(Urls.ws(http, "/echo"))) {
            for (int i = 0; i < 200; i++) {
                ws.socket().sendText("m" + i, true).join();
            }
            for (int i = 0; i < 200; i++) {
                assertThat(ws.next()).isEqualTo("Server Response: m" + i);
            }
        }
    }

    @Test
    void aCloseFromTheClientIsAnsweredWith1000AndTheConnectionEnds() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            ws.sendText("before close");
            assertThat(ws.readSkippingPings().text()).isEqualTo("Server Response: before close");
            ws.sendClose(1000, "bye");
            RawWebSocket.Frame close = ws.readSkippingPings();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1000);
            assertThat(ws.serverClosedTcp()).as("server ends the TCP connection after the closing handshake").isTrue();
        }
    }

    @Test
    void theJdkClientSeesTheClosingHandshakeComplete() throws Exception {
        JdkWebSocket ws = JdkWebSocket.connect(Urls.ws(http, "/echo"));
        assertThat(ws.sendAndReceiveText("x")).isEqualTo("Server Response: x");
        ws.close();
        assertThat(ws.closeCode().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1000);
    }
}
