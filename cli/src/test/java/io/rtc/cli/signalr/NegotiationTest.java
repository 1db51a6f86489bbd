package io.rtc.cli.signalr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtc.common.signalr.TransferFormat;
import org.junit.jupiter.api.Test;

class NegotiationTest {

    private static final String WEBSOCKETS =
            "\"availableTransports\":[{\"transport\":\"ServerSentEvents\",\"transferFormats\":[\"Text\"]},"
                    + "{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]}]";

    @Test
    void versionOneGivesTheConnectionToken() {
        Negotiated answer = Negotiation.parse("{\"negotiateVersion\":1,\"connectionId\":\"id\",\"connectionToken\":\"token\","
                + WEBSOCKETS + "}");

        assertThat(answer.tokenFor(TransportType.WEBSOCKETS, TransferFormat.TEXT)).isEqualTo("token");
        assertThat(answer.tokenFor(TransportType.WEBSOCKETS, TransferFormat.BINARY)).isEqualTo("token");
        assertThat(answer.tokenFor(TransportType.SERVER_SENT_EVENTS, TransferFormat.TEXT)).isEqualTo("token");
    }

    @Test
    void versionZeroHasOnlyTheConnectionId() {
        assertThat(Negotiation.parse("{\"connectionId\":\"id0\"," + WEBSOCKETS + "}").connectionToken()).isEqualTo("id0");
    }

    @Test
    void aTransportOrFormatTheServerDoesNotListIsRefusedSayingWhatItOffers() {
        Negotiated answer = Negotiation.parse("{\"connectionToken\":\"t\"," + WEBSOCKETS + "}");

        assertThatThrownBy(() -> answer.tokenFor(TransportType.LONG_POLLING, TransferFormat.TEXT))
                .isInstanceOf(HubException.class)
                .hasMessage("the server does not offer the LongPolling transport (it offers ServerSentEvents, WebSockets)");
        assertThatThrownBy(() -> answer.tokenFor(TransportType.SERVER_SENT_EVENTS, TransferFormat.BINARY))
                .hasMessage("the server offers ServerSentEvents without the Binary transfer format (only Text)");
        assertThatThrownBy(() -> Negotiation.parse("{\"connectionToken\":\"t\"}").tokenFor(TransportType.WEBSOCKETS,
                TransferFormat.TEXT)).hasMessage("the server does not offer the WebSockets transport");
    }

    @Test
    void refusalsAreHubErrorsInTheServersWords() {
        assertThatThrownBy(() -> Negotiation.parse("{\"error\":\"Negotiate is not allowed\"}"))
                .isInstanceOf(HubException.class).hasMessage("Negotiate is not allowed");
        assertThatThrownBy(() -> Negotiation.parse("{\"connectionToken\":\"t\",\"availableTransports\":"
                + "[{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\"]}]}")
                .tokenFor(TransportType.WEBSOCKETS, TransferFormat.TEXT))
                .hasMessageContaining("WebSockets");
        assertThatThrownBy(() -> Negotiation.parse("{\"url\":\"https://elsewhere/\",\"accessToken\":\"x\"}"))
                .hasMessageContaining("redirects");
        assertThatThrownBy(() -> Negotiation.parse("<html>"))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> Negotiation.parse("{" + WEBSOCKETS + "}"))
                .hasMessageContaining("connectionToken");
    }
}
