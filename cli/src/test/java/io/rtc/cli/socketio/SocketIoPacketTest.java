package io.rtc.cli.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SocketIoPacketTest {

    @Test
    void connectAnswerWithSid() {
        SocketIoPacket packet = SocketIoPacket.parse("0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}");

        assertThat(packet.type()).isEqualTo(SocketIoPacket.CONNECT);
        assertThat(packet.namespace()).isEqualTo("/");
        assertThat(packet.ackId()).isEqualTo(-1);
        assertThat(packet.data().get("sid").asText()).isEqualTo("wZX3oN0bSVIhsaknAAAI");
    }

    @Test
    void eventWithoutAndWithAckId() {
        SocketIoPacket plain = SocketIoPacket.parse("2[\"ReceiveMessage\",\"alice\",\"hi\"]");
        SocketIoPacket acked = SocketIoPacket.parse("212[\"ping\"]");

        assertThat(plain.type()).isEqualTo(SocketIoPacket.EVENT);
        assertThat(plain.data().get(2).asText()).isEqualTo("hi");
        assertThat(acked.ackId()).isEqualTo(12);
        assertThat(acked.data().get(0).asText()).isEqualTo("ping");
    }

    @Test
    void ackDisconnectAndConnectError() {
        assertThat(SocketIoPacket.parse("31[]").ackId()).isEqualTo(1);
        assertThat(SocketIoPacket.parse("31[]").data().size()).isZero();
        assertThat(SocketIoPacket.parse("1").type()).isEqualTo(SocketIoPacket.DISCONNECT);
        assertThat(SocketIoPacket.parse("1").data()).isNull();
        assertThat(SocketIoPacket.parse("4{\"message\":\"Not authorized\"}").data().get("message").asText())
                .isEqualTo("Not authorized");
    }

    @Test
    void namespacedPackets() {
        SocketIoPacket packet = SocketIoPacket.parse("2/admin,7[\"x\"]");

        assertThat(packet.namespace()).isEqualTo("/admin");
        assertThat(packet.ackId()).isEqualTo(7);
        assertThat(SocketIoPacket.parse("0/admin,").namespace()).isEqualTo("/admin");
    }

    @Test
    void garbageIsRejected() {
        assertThatThrownBy(() -> SocketIoPacket.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketIoPacket.parse("9[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketIoPacket.parse("2[\"x\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void framesWeSend() {
        assertThat(EngineIo.event(-1, "SendMessage", "r", "u", "say \"hi\""))
                .isEqualTo("42[\"SendMessage\",\"r\",\"u\",\"say \\\"hi\\\"\"]");
        assertThat(EngineIo.event(5, "JoinRoom", "General")).isEqualTo("425[\"JoinRoom\",\"General\"]");
        assertThat(EngineIo.ack(3)).isEqualTo("433[]");
        assertThat(EngineIo.CONNECT_FRAME).isEqualTo("40");
        assertThat(EngineIo.PONG_FRAME).isEqualTo("3");
    }

    @Test
    void urlDefaultsToTheSocketIoPath() {
        assertThat(SocketIoUrl.parse("http://127.0.0.1:8093").webSocket(java.time.Duration.ofSeconds(1)).getURI())
                .isEqualTo("/socket.io/?EIO=4&transport=websocket");
        assertThat(SocketIoUrl.parse("https://h/chat/io").webSocket(java.time.Duration.ofSeconds(1)).getURI())
                .isEqualTo("/chat/io/?EIO=4&transport=websocket");
        assertThatThrownBy(() -> SocketIoUrl.parse("ftp://h/")).hasMessageContaining("scheme");
    }
}
