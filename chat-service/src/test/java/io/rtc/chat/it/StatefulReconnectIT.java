package io.rtc.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.rtc.chat.support.ChatCluster;
import io.rtc.chat.support.CuttingProxy;

/**
 * Stateful reconnect with the official Node client ({@code withStatefulReconnect()}): its WebSocket goes through a
 * {@link CuttingProxy} in front of {@code it-one}, which the test resets (no close frame, no FIN) whenever
 * {@code src/test/node/stateful-reconnect.mjs} asks. When the client comes back to the same instance nothing is
 * lost or repeated in either direction and it never goes through onreconnecting; when the proxy leads to the
 * other instance instead, the resume is refused and the client starts a new connection (automatic reconnect).
 * Output in {@code target/node-stateful-reconnect-<mode>.log}.
 */
class StatefulReconnectIT {

    private static ChatCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        NodeScript.requireInstalled("@microsoft/signalr");
        // the streams go at 50 invocations a second: more than the shipped per-connection rate
        cluster = ChatCluster.start(2, Map.of("CHAT_LIMITS_MESSAGE_RATE", "0"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void nothingLostNorRepeatedAcrossCutsWhenTheClientResumesOnTheSameInstance() throws Exception {
        try (CuttingProxy proxy = CuttingProxy.start(cluster.instance(0).port())) {
            int[] cuts = { 0 };
            NodeScript.start("stateful-reconnect.mjs", "stateful-reconnect-resume",
                    List.of(proxy.hubUrl(), cluster.instance(1).hubUrl(), "resume"), Map.of())
                    .serve(line -> {
                        if (!line.startsWith("CUT ")) {
                            return Optional.empty();
                        }
                        cuts[0]++;
                        return Optional.of(line + " " + proxy.cutAll());
                    }, Duration.ofSeconds(90));
            assertThat(cuts[0]).as("cuts asked for").isGreaterThanOrEqualTo(3);
            // the first WebSocket and one more after each cut (the resumes came through the proxy), at least
            assertThat(proxy.accepted()).as("connections through the proxy").isGreaterThanOrEqualTo(1 + cuts[0]);
        }
    }

    @Test
    void aResumeThatLandsOnAnotherInstanceEndsInANewConnection() throws Exception {
        try (CuttingProxy proxy = CuttingProxy.start(cluster.instance(0).port())) {
            NodeScript.start("stateful-reconnect.mjs", "stateful-reconnect-elsewhere",
                    List.of(proxy.hubUrl(), cluster.instance(1).hubUrl(), "elsewhere"), Map.of())
                    .serve(line -> {
                        if (!line.equals("RETARGET-CUT")) {
                            return Optional.empty();
                        }
                        proxy.target(cluster.instance(1).port());
                        return Optional.of("RETARGET-CUT " + proxy.cutAll());
                    }, Duration.ofSeconds(60));
        }
    }
}
