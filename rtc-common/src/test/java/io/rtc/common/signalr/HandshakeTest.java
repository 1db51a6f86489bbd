package io.rtc.common.signalr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HandshakeTest {

    @Test
    void aClientsRequestIsWhatTheOfficialClientsSend() throws Exception {
        assertThat(Hex.text(Handshake.request("json", 1))).isEqualTo("{\"protocol\":\"json\",\"version\":1}\u001e");
        assertThat(Hex.text(Handshake.request("messagepack", 1))).isEqualTo("{\"protocol\":\"messagepack\",\"version\":1}\u001e");
        assertThat(Handshake.parseRequest(Hex.utf8("{\"protocol\":\"messagepack\",\"version\":1}")))
                .isEqualTo(new Handshake.Request("messagepack", 1));
    }

    @Test
    void theServerSaysWhatItDoesNotSupport() {
        assertThat(new Handshake.Request("json", 1).problem(1)).isNull();
        assertThat(new Handshake.Request("messagepack", 1).problem(1)).isNull();
        assertThat(new Handshake.Request("blob", 1).problem(1)).isEqualTo("The protocol 'blob' is not supported.");
        assertThat(new Handshake.Request("json", 2).problem(1))
                .isEqualTo("The server does not support version 2 of the 'json' protocol.");
        assertThat(new Handshake.Request("messagepack", 2).problem(2)).isNull();
    }

    @Test
    void aRequestWithoutProtocolOrVersionIsInvalid() {
        for (String request : new String[] { "{\"protocol\":\"json\"}", "{\"version\":1}", "{\"protocol\":1,\"version\":1}",
                "{\"protocol\":\"json\",\"version\":\"1\"}" }) {
            assertThatThrownBy(() -> Handshake.parseRequest(Hex.utf8(request))).isInstanceOf(InvalidMessageException.class)
                    .hasMessage("Handshake request must carry 'protocol' and 'version'.");
        }
        assertThatThrownBy(() -> Handshake.parseRequest(Hex.utf8("[]"))).hasMessage("Message is not a JSON object.");
        assertThatThrownBy(() -> Handshake.parseRequest(Hex.buf("91 06"))).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void theServersAnswers() throws Exception {
        assertThat(Hex.text(Handshake.OK)).isEqualTo("{}\u001e");
        assertThat(Hex.text(Handshake.error("The protocol 'blob' is not supported.")))
                .isEqualTo("{\"error\":\"The protocol 'blob' is not supported.\"}\u001e");
        assertThat(Handshake.parseResponse(Hex.utf8("{}"))).isNull();
        assertThat(Handshake.parseResponse(Hex.utf8("{\"error\":null}"))).isNull();
        assertThat(Handshake.parseResponse(Hex.utf8("{\"error\":\"nope\"}"))).isEqualTo("nope");
        assertThatThrownBy(() -> Handshake.parseResponse(Hex.utf8("nope"))).isInstanceOf(InvalidMessageException.class);
    }
}
