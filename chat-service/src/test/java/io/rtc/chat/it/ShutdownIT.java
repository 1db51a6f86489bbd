package io.rtc.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.rtc.chat.support.ChatInstance;
import io.rtc.chat.support.HubTestClient;

/** On SIGTERM the hub tells its clients to reconnect (elsewhere), as SignalR's own server does. */
class ShutdownIT {

    @Test
    void clientsAreAskedToReconnectWhenTheInstanceStops() throws Exception {
        ChatInstance instance = ChatInstance.start(Map.of());
        try (HubTestClient client = HubTestClient.connect(instance.hubUrl())) {
            client.invoke("JoinRoom", "shutdown-room");
            instance.close(); // SIGTERM, then waits for the process to end
            JsonNode close;
            do {
                close = client.next();
            } while (close.path("type").asInt() != 7);
            assertThat(close.get("allowReconnect").asBoolean()).isTrue();
            assertThat(close.get("error").asText()).contains("shutting down");
            assertThat(client.awaitClose()).isEqualTo(1001);
        }
    }
}
