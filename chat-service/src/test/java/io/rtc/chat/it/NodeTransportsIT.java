package io.rtc.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rtc.chat.support.ChatCluster;
import io.rtc.chat.support.ChatInstance;
import io.rtc.chat.support.HubTestClient;
import io.rtc.chat.support.Nginx;

/**
 * Every transport × protocol pair SignalR allows, with the official Node client (and its MessagePack protocol),
 * through a round-robin nginx without sticky sessions in front of two packaged instances ({@code it-one},
 * {@code it-two}) on one Redis: the negotiate, the SSE stream or each poll, and each POST of one connection land
 * on either instance. Then the automatic transport fallback behind a proxy that refuses WebSocket upgrades, and
 * an instance stopped (SIGTERM) under SSE, Long Polling and WebSocket clients that reconnect to the other. One
 * cluster for all; the stop comes last. The checks are in {@code src/test/node/signalr-transports.mjs}, its
 * output in {@code target/node-signalr-transports-<mode>.log}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeTransportsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ChatCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        NodeScript.requireInstalled("@microsoft/signalr", "@microsoft/signalr-protocol-msgpack");
        cluster = ChatCluster.behindNginx(2, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void nginxAlternatesBetweenTheInstancesOnBothPorts() throws Exception {
        Nginx nginx = cluster.nginx();
        for (String base : List.of(nginx.url(), nginx.noUpgradeUrl())) {
            Map<String, Integer> answered = new HashMap<>();
            String previous = null;
            for (int i = 0; i < 8; i++) {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(response.statusCode()).isEqualTo(200);
                String upstream = response.headers().firstValue("X-Upstream").orElseThrow();
                assertThat(upstream).as("request %d through %s went elsewhere than the one before", i, base).isNotEqualTo(previous);
                previous = upstream;
                answered.merge(upstream, 1, Integer::sum);
            }
            assertThat(answered).as("through %s", base).containsOnlyKeys(ChatCluster.address(cluster.instance(0)),
                    ChatCluster.address(cluster.instance(1))).containsValues(4, 4);
        }
        assertThat(HubTestClient.upgradeStatus(nginx.noUpgradeHubUrl())).as("an upgrade through the no-upgrade port").isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @Order(2)
    @ValueSource(strings = { "WebSockets:json", "WebSockets:messagepack", "ServerSentEvents:json", "LongPolling:json",
            "LongPolling:messagepack" })
    void transportAndProtocol(String pair) throws Exception {
        int from = cluster.nginx().accessLog().size();
        runScript("pair:" + pair, line -> Optional.empty());
        if (!pair.startsWith("WebSockets")) {
            // no stickiness, really: some connection of the run was served by both instances
            Map<String, Set<String>> byId = cluster.nginx().upstreamsById(from);
            assertThat(byId.values()).as("instances serving each connection's requests (%s)", byId)
                    .anyMatch(upstreams -> upstreams.size() == 2);
        }
    }

    @Test
    @Order(3)
    void automaticFallbackWhenTheProxyRefusesWebSockets() throws Exception {
        runScript("fallback", line -> Optional.empty());
    }

    @Test
    @Order(4)
    void anInstanceStopsUnderItsClientsAndTheyReconnectToTheOther() throws Exception {
        ChatInstance one = cluster.byId("it-one");
        runScript("shutdown", line -> {
            if (!line.equals("STOP it-one")) {
                return Optional.empty();
            }
            one.terminate();
            return Optional.of("STOP it-one sent");
        });
        assertThat(one.awaitExit(Duration.ofSeconds(15))).as("it-one exited after SIGTERM").isTrue();
    }

    private static void runScript(String mode, java.util.function.Function<String, Optional<String>> handler) throws Exception {
        Nginx nginx = cluster.nginx();
        String name = "signalr-transports-" + mode.replace(':', '-');
        NodeScript.start("signalr-transports.mjs", name, List.of(nginx.hubUrl(), nginx.noUpgradeHubUrl(), mode),
                Map.of("ADMIN_TOKEN", "test-admin-token")).serve(handler, Duration.ofSeconds(100));
    }
}
