package io.rtc.chat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.rtc.chat.support.ChatInstance;

/**
 * Two packaged instances on the shared Redis with default settings; one is killed (SIGKILL), so it
 * never leaves its rooms: within 30 s the admin API of the survivor no longer counts its members.
 */
class CrashedInstanceIT {

    private static final Duration DOCUMENTED_BOUND = Duration.ofSeconds(30);

    @Test
    void membersOfAKilledInstanceDropOutOfPresenceWithinThirtySeconds() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String room = "crash-it-" + run;
        String idOne = "crash-" + run + "-1";
        String idTwo = "crash-" + run + "-2";
        try (ChatInstance one = ChatInstance.start(Map.of("CHAT_INSTANCE_ID", idOne));
                ChatInstance two = ChatInstance.start(Map.of("CHAT_INSTANCE_ID", idTwo));
                HubPeer survivor = HubPeer.connect(one.hubUrl());
                HubPeer doomed = HubPeer.connect(two.hubUrl())) {
            survivor.call("JoinRoom", room);
            doomed.call("JoinRoom", room);

            assertThat(Admin.listedCount(one, room)).as("members of the room in GET /api/rooms on instance one").isEqualTo(2);
            assertThat(Admin.memberNodes(one, room)).extracting(m -> m.get("connectionId").asText(), m -> m.get("instance").asText())
                    .containsExactlyInAnyOrder(tuple(survivor.connectionId(), idOne), tuple(doomed.connectionId(), idTwo));

            two.kill();
            long killed = System.nanoTime();

            await().atMost(DOCUMENTED_BOUND).pollInterval(Duration.ofMillis(250))
                    .until(() -> !Admin.members(one, room).contains(doomed.connectionId()));
            System.out.printf("CrashedInstanceIT: the killed instance's member vanished %d ms after SIGKILL%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));

            assertThat(Admin.members(one, room)).containsExactly(survivor.connectionId());
            assertThat(Admin.listedCount(one, room)).isEqualTo(1);
            assertThat(survivor.isClosed()).isFalse();
        }
    }
}
