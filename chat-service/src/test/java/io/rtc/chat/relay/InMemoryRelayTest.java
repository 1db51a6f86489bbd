package io.rtc.chat.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A single instance has nobody to forward to: every forwarded request is for an unknown connection. */
class InMemoryRelayTest {

    @Test
    void forwardAnswers404EvenForAConnectionItHolds() {
        InMemoryRelay relay = new InMemoryRelay();
        relay.hold("c1").await().atMost(Duration.ofSeconds(1));

        RelayReply reply = relay.forward(new RelayRequest(RelayRequest.Kind.SEND, "c1", new byte[] { 1 }))
                .await().atMost(Duration.ofSeconds(1));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("text/plain");
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("No Connection with that ID");
    }
}
