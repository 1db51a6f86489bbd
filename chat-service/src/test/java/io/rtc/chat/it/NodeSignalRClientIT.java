package io.rtc.chat.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.rtc.chat.support.ChatInstance;

/**
 * The official {@code @microsoft/signalr} Node client against two packaged instances that share one
 * Redis and one token secret: joins, notices and messages across instances, history, errors, a
 * negotiate on one instance with the WebSocket on the other, skipNegotiation. The checks are in
 * {@code src/test/node/signalr-two-instances.mjs}; its output is in target/node-signalr-two-instances.log.
 */
class NodeSignalRClientIT {

    @Test
    void officialNodeClientAgainstTwoInstances() throws Exception {
        NodeScript.requireInstalled("@microsoft/signalr");
        Map<String, String> env = Map.of("CHAT_TOKEN_SECRET", "it-secret-" + UUID.randomUUID());
        try (ChatInstance one = ChatInstance.start(env); ChatInstance two = ChatInstance.start(env)) {
            NodeScript.run("signalr-two-instances.mjs", List.of(one.hubUrl(), two.hubUrl()), Map.of(),
                    Duration.ofMinutes(2));
        }
    }
}
