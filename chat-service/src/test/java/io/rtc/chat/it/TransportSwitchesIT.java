package io.rtc.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rtc.chat.support.ChatInstance;
import io.rtc.chat.support.HttpTransports;
import io.rtc.chat.support.HubTestClient;

/**
 * Each transport can be switched off ({@code CHAT_TRANSPORTS_WEBSOCKETS}, {@code CHAT_TRANSPORTS_SERVER_SENT_EVENTS},
 * {@code CHAT_TRANSPORTS_LONG_POLLING}) and so can stateful reconnect ({@code CHAT_STATEFUL_RECONNECT_ENABLED}):
 * the negotiate leaves them out, and a WebSocket upgrade to an instance without WebSockets is refused.
 */
class TransportSwitchesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void switchedOffTransportsAndStatefulReconnectAreNotOffered() throws Exception {
        try (ChatInstance sseOnly = ChatInstance.launch(Map.of("CHAT_TRANSPORTS_WEBSOCKETS", "false",
                "CHAT_TRANSPORTS_LONG_POLLING", "false", "CHAT_STATEFUL_RECONNECT_ENABLED", "false"));
                ChatInstance noSse = ChatInstance.launch(Map.of("CHAT_TRANSPORTS_SERVER_SENT_EVENTS", "false"))) {
            sseOnly.awaitReady();
            noSse.awaitReady();

            JsonNode offered = negotiate(sseOnly, "negotiateVersion=1&useStatefulReconnect=true");
            assertThat(transports(offered)).as("%s", offered).containsExactly("ServerSentEvents:Text");
            assertThat(offered.path("useStatefulReconnect").asBoolean(false)).as("stateful reconnect switched off: %s", offered).isFalse();
            String token = offered.get("connectionToken").asText();
            assertThat(HubTestClient.upgradeStatus(sseOnly.hubUrl() + "?id=" + token)).as("a WebSocket upgrade").isNotEqualTo(101);

            offered = negotiate(noSse, "negotiateVersion=1&useStatefulReconnect=true");
            assertThat(transports(offered)).as("%s", offered).containsExactly("WebSockets:Text,Binary", "LongPolling:Text,Binary");
            assertThat(offered.path("useStatefulReconnect").asBoolean(false)).as("%s", offered).isTrue();
        }
    }

    private static JsonNode negotiate(ChatInstance instance, String query) throws Exception {
        var answer = HttpTransports.send("POST", instance.hubUrl() + "/negotiate?" + query, new byte[0], Map.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** "Transport:Format,Format" for each transport offered, in order. */
    private static List<String> transports(JsonNode negotiation) {
        List<String> out = new ArrayList<>();
        for (JsonNode transport : negotiation.path("availableTransports")) {
            List<String> formats = new ArrayList<>();
            transport.path("transferFormats").forEach(f -> formats.add(f.asText()));
            out.add(transport.path("transport").asText() + ":" + String.join(",", formats));
        }
        return out;
    }
}
