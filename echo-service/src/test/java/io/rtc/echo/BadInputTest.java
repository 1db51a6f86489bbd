package io.rtc.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rtc.echo.support.JdkWebSocket;
import io.rtc.echo.support.RawWebSocket;
import io.rtc.echo.support.RawWebSocket.Frame;
import io.rtc.echo.support.Urls;

/** Input no good client sends: each gets its RFC 6455 close code, and the server keeps serving others. */
@QuarkusTest
class BadInputTest {

    static final int LIMIT = 64 * 1024;

    @TestHTTPResource("/")
    URI http;

    @ParameterizedTest
    @ValueSource(ints = { RawWebSocket.TEXT, RawWebSocket.BINARY })
    void oneByteOverTheLimitInOneFrameClosesWith1009(int opcode) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            ws.send(opcode, true, ascii(LIMIT + 1));
            assertClosedWith(ws, 1009);
        }
        assertServerStillEchoes();
    }

    @Test
    void aFragmentedMessageThatOutgrowsTheLimitClosesWith1009() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            ws.send(RawWebSocket.TEXT, false, ascii(30_000));
            ws.send(RawWebSocket.CONTINUATION, false, ascii(30_000));
            ws.send(RawWebSocket.CONTINUATION, true, ascii(30_000));
            Frame close = ws.readSkippingPings();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
            assertThat(close.closeReason()).contains("65536");
        }
        assertServerStillEchoes();
    }

    @Test
    void aHugeDeclaredFrameLengthClosesWith1009WithoutReadingIt() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            ws.send(RawWebSocket.BINARY, true, ascii(1024 * 1024));
            assertClosedWith(ws, 1009);
        }
        assertServerStillEchoes();
    }

    @Test
    void invalidUtf8InATextMessageClosesWith1007() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            ws.send(RawWebSocket.TEXT, true, new byte[] { 'o', 'k', (byte) 0xC3, 0x28 });
            assertClosedWith(ws, 1007);
        }
        assertServerStillEchoes();
    }

    @Test
    void invalidUtf8SplitAcrossFragmentsClosesWith1007() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            // A 3-byte sequence (E2 82 AC is the euro sign) broken off after its first byte.
            ws.send(RawWebSocket.TEXT, false, new byte[] { 'a', (byte) 0xE2 });
            ws.send(RawWebSocket.CONTINUATION, true, new byte[] { 'b', 'c' });
            assertClosedWith(ws, 1007);
        }
    }

    @Test
    void validUtf8SplitInsideACharacterIsFine() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            ws.send(RawWebSocket.TEXT, false, new byte[] { 'a', (byte) 0xE2, (byte) 0x82 });
            ws.send(RawWebSocket.CONTINUATION, true, new byte[] { (byte) 0xAC });
            assertThat(ws.readSkippingPings().text()).isEqualTo("Server Response: a€");
        }
    }

    @Test
    void aContinuationWithoutAStartIsAProtocolError() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            ws.send(RawWebSocket.CONTINUATION, true, ascii(10));
            assertClosedWith(ws, 1002);
        }
        assertServerStillEchoes();
    }

    @Test
    void anUnknownOpcodeIsAProtocolError() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(http, "/echo"))) {
            ws.send(0x3, true, ascii(10));
            assertClosedWith(ws, 1002);
        }
        assertServerStillEchoes();
    }

    private static void assertClosedWith(RawWebSocket ws, int code) throws Exception {
        Frame close = ws.readSkippingPings();
        assertThat(close.opcode()).as("a close frame").isEqualTo(RawWebSocket.CLOSE);
        assertThat(close.closeCode()).isEqualTo(code);
        assertThat(ws.serverClosedTcp()).as("TCP connection ended").isTrue();
    }

    private void assertServerStillEchoes() throws Exception {
        try (JdkWebSocket ws = JdkWebSocket.connect(Urls.ws(http, "/echo"))) {
            assertThat(ws.sendAndReceiveText("still there?")).isEqualTo("Server Response: still there?");
        }
    }

    private static byte[] ascii(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }
}
