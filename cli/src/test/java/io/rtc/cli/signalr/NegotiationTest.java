package io.rtc.cli.signalr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NegotiationTest {

    private static final String WEBSOCKETS =
            "\"availableTransports\":[{\"transport\":\"ServerSentEvents\",\"transferFormats\":[\"Text\"]},"
                    + "{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]}]";

    @Test
    void versionOneGivesTheConnectionToken() {
        assertThat(Negotiation.webSocketId("{\"negotiateVersion\":1,\"connectionId\":\"id\",\"connectionToken\":\"token\","
                + WEBSOCKETS + "}")).isEqualTo("token");
    }

    @Test
    void versionZeroHasOnlyTheConnectionId() {
        assertThat(Negotiation.webSocketId("{\"connectionId\":\"id0\"," + WEBSOCKETS + "}")).isEqualTo("id0");
    }

    @Test
    void refusalsAreHubErrorsInTheServersWords() {
        assertThatThrownBy(() -> Negotiation.webSocketId("{\"error\":\"Negotiate is not allowed\"}"))
                .isInstanceOf(HubException.class).hasMessage("Negotiate is not allowed");
        assertThatThrownBy(() -> Negotiation.webSocketId("{\"connectionToken\":\"t\",\"availableTransports\":"
                + "[{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\"]}]}"))
                .hasMessageContaining("WebSockets");
        assertThatThrownBy(() -> Negotiation.webSocketId("{\"url\":\"https://elsewhere/\",\"accessToken\":\"x\"}"))
                .hasMessageContaining("redirects");
        assertThatThrownBy(() -> Negotiation.webSocketId("<html>"))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> Negotiation.webSocketId("{" + WEBSOCKETS + "}"))
                .hasMessageContaining("connectionToken");
    }
}
