package io.rtc.chat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.rtc.chat.support.ChatInstance;
import io.rtc.chat.support.PrivateRedis;

/**
 * Two packaged chat-service instances on a private redis-server that is stopped and started again:
 * readiness follows Redis, members of the same instance keep talking during the outage (the
 * sender is told its message stayed local), and within 5 s of Redis coming back the instances are
 * ready and one hub again.
 */
class RedisRestartIT {

    private static final Duration BACK_WITHIN = Duration.ofSeconds(5);

    @Test
    void theHubRidesOutARedisRestart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String room = "restart-it-" + run;
        try (PrivateRedis redis = PrivateRedis.launch();
                ChatInstance one = ChatInstance.start(Map.of("QUARKUS_REDIS_HOSTS", redis.url(), "CHAT_INSTANCE_ID", "restart-" + run + "-1"));
                ChatInstance two = ChatInstance.start(Map.of("QUARKUS_REDIS_HOSTS", redis.url(), "CHAT_INSTANCE_ID", "restart-" + run + "-2"));
                HubPeer sender = HubPeer.connect(one.hubUrl());
                HubPeer neighbour = HubPeer.connect(one.hubUrl());
                HubPeer remote = HubPeer.connect(two.hubUrl())) {
            sender.call("JoinRoom", room);
            neighbour.call("JoinRoom", room);
            remote.call("JoinRoom", room);
            neighbour.listen();
            remote.listen();

            sender.call("SendMessage", room, "alice", "before the outage");
            remote.awaitMessage("alice: before the outage", Duration.ofSeconds(5));
            neighbour.awaitMessage("alice: before the outage", Duration.ofSeconds(5));

            redis.stop();

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> one.status("/q/health/ready") == 503 && two.status("/q/health/ready") == 503);
            JsonNode duringOutage = sender.invoke("SendMessage", room, "alice", "during the outage");
            neighbour.awaitMessage("alice: during the outage", Duration.ofSeconds(5));
            assertThat(duringOutage.path("error").asText())
                    .as("the sender learns its message reached only this instance's members: %s", duringOutage)
                    .startsWith("Delivered to this instance's members only");
            assertThat(one.status("/q/health/live")).as("liveness is not readiness: the instance stays up").isEqualTo(200);

            long restarted = System.nanoTime();
            redis.start();

            await().atMost(left(restarted)).pollInterval(Duration.ofMillis(50))
                    .until(() -> one.status("/q/health/ready") == 200 && two.status("/q/health/ready") == 200);
            // messages published before instance two has subscribed again are gone (pub/sub): send until one arrives
            Map<String, JsonNode> completions = new ConcurrentHashMap<>();
            int[] n = { 0 };
            await().atMost(left(restarted)).pollInterval(Duration.ofMillis(100)).until(() -> {
                String text = "after the restart #" + ++n[0];
                completions.put(text, sender.invoke("SendMessage", room, "alice", text));
                return remote.messages().stream().anyMatch(m -> m.startsWith("alice: after the restart #"));
            });
            long backMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
            System.out.printf("RedisRestartIT: ready and delivering across instances %d ms after redis-server restarted (%d tries)%n",
                    backMs, n[0]);

            String arrived = remote.messages().stream().filter(m -> m.startsWith("alice: after the restart #")).findFirst().orElseThrow();
            assertThat(completions.get(arrived.substring("alice: ".length())).has("error"))
                    .as("the message that got through completed without error: %s", completions).isFalse();
            assertThat(remote.messages()).doesNotContain("alice: during the outage");
            assertThat(neighbour.isClosed() || remote.isClosed() || sender.isClosed()).as("clients stayed connected").isFalse();
        }
    }

    /**
     * Presence lives in Redis: after a restart that lost Redis' data (no persistence, or a failover
     * to an empty replica) the admin view must count the members still connected again, including
     * one that joined during the outage. Allowed time: one instance TTL (15 s by default), the
     * longest presence is ever allowed to be stale.
     */
    @Test
    void roomsAndMembersAreCountedAgainAfterRedisComesBackEmpty() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String room = "restart-presence-" + run;
        try (PrivateRedis redis = PrivateRedis.launch();
                ChatInstance one = ChatInstance.start(Map.of("QUARKUS_REDIS_HOSTS", redis.url(), "CHAT_INSTANCE_ID", "rp-" + run + "-1"));
                ChatInstance two = ChatInstance.start(Map.of("QUARKUS_REDIS_HOSTS", redis.url(), "CHAT_INSTANCE_ID", "rp-" + run + "-2"));
                HubPeer first = HubPeer.connect(one.hubUrl());
                HubPeer second = HubPeer.connect(two.hubUrl())) {
            first.call("JoinRoom", room);
            second.call("JoinRoom", room);
            assertThat(Admin.members(one, room)).containsExactlyInAnyOrder(first.connectionId(), second.connectionId());

            redis.stop();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> one.status("/q/health/ready") == 503 && two.status("/q/health/ready") == 503);
            try (HubPeer late = HubPeer.connect(two.hubUrl())) {
                JsonNode joined = late.invoke("JoinRoom", room);
                System.out.println("RedisRestartIT: JoinRoom during the outage completed with " + joined);
                redis.start();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> one.status("/q/health/ready") == 200 && two.status("/q/health/ready") == 200);

                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(Admin.members(one, room))
                                .as("GET /api/rooms/%s/members on instance one after Redis came back empty", room)
                                .containsExactlyInAnyOrder(first.connectionId(), second.connectionId(), late.connectionId()));
                assertThat(Admin.listedCount(two, room)).as("members of the room in GET /api/rooms on instance two").isEqualTo(3);
            }
        }
    }

    private static Duration left(long since) {
        Duration left = BACK_WITHIN.minusNanos(System.nanoTime() - since);
        return left.isNegative() ? Duration.ofMillis(1) : left;
    }
}
