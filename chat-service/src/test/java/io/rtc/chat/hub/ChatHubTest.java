package io.rtc.chat.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtc.chat.backplane.Backplane;
import io.rtc.chat.backplane.InMemoryBackplane;
import io.rtc.chat.history.InMemoryHistory;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.chat.presence.InMemoryPresence;
import io.smallrye.mutiny.Uni;

/** The hub's room logic, with two instances sharing an in-memory backplane instead of Redis. */
class ChatHubTest {

    private static final HubLimits LIMITS = new HubLimits(100, 100, 1000);

    private final InMemoryBackplane.Bus bus = new InMemoryBackplane.Bus();
    private final CountingBackplane backplaneA = new CountingBackplane(new InMemoryBackplane(bus));
    private final ChatHub hubA = hub(backplaneA);
    private final ChatHub hubB = hub(new InMemoryBackplane(bus));

    private static ChatHub hub(Backplane backplane) {
        return new ChatHub(backplane, new InMemoryPresence("i", Duration.ofMinutes(5), Clock.systemUTC()),
                new InMemoryHistory(3), LIMITS, new ChatMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void aRoomSpansInstancesWithTheSeedsNotices() {
        FakeMember ann = new FakeMember("ann-id");
        FakeMember bob = new FakeMember("bob-id");
        await(hubA.joinRoom(ann, "General"));
        await(hubB.joinRoom(bob, "General"));
        await(hubA.sendMessage("General", "ann", "hello"));
        await(hubB.leaveRoom(bob, "General"));

        assertThat(ann.received()).containsExactly(
                "System: ann-id has joined the room General",
                "System: bob-id has joined the room General",
                "ann: hello",
                "System: bob-id has left the room General");
        assertThat(bob.received()).containsExactly("System: bob-id has joined the room General", "ann: hello");
    }

    @Test
    void eachRoomMessageCrossesTheBackplaneOnceWhateverTheMemberCount() {
        for (int i = 0; i < 50; i++) {
            await(hubA.joinRoom(new FakeMember("a" + i), "Crowded"));
        }
        int before = backplaneA.published.get();
        await(hubA.sendMessage("Crowded", "ann", "one copy"));
        assertThat(backplaneA.published.get() - before).isEqualTo(1);
    }

    @Test
    void anInstanceListensToARoomOnlyWhileItHasMembersThere() {
        FakeMember ann = new FakeMember("ann");
        FakeMember cat = new FakeMember("cat");
        await(hubA.joinRoom(ann, "Quiet"));
        await(hubA.joinRoom(cat, "Quiet"));
        assertThat(backplaneA.subscribed.get()).isEqualTo(1);
        await(hubA.leaveRoom(ann, "Quiet"));
        assertThat(backplaneA.unsubscribed.get()).isZero();
        await(hubA.leaveRoom(cat, "Quiet"));
        assertThat(backplaneA.unsubscribed.get()).isEqualTo(1);
    }

    @Test
    void aDisconnectLeavesEveryRoomWithNotices() {
        FakeMember ann = new FakeMember("ann");
        FakeMember bob = new FakeMember("bob");
        await(hubA.joinRoom(ann, "One"));
        await(hubA.joinRoom(ann, "Two"));
        await(hubB.joinRoom(bob, "One"));
        await(hubB.joinRoom(bob, "Two"));
        await(hubA.disconnected(ann));

        assertThat(ann.rooms()).isEmpty();
        assertThat(bob.received()).contains("System: ann has left the room One", "System: ann has left the room Two");
        assertThat(hubA.localRooms().size("One")).isZero();
    }

    @Test
    void joiningTwiceIsOneMembership() {
        FakeMember ann = new FakeMember("ann");
        await(hubA.joinRoom(ann, "Twice"));
        await(hubA.joinRoom(ann, "Twice"));
        assertThat(hubA.localRooms().size("Twice")).isEqualTo(1);
        assertThat(ann.received()).hasSize(1);
    }

    @Test
    void historyKeepsTheLatestOldestFirst() {
        for (int i = 1; i <= 5; i++) {
            await(hubA.sendMessage("Kept", "ann", "m" + i));
        }
        assertThat(await(hubA.history("Kept", 10))).extracting(m -> m.message()).containsExactly("m3", "m4", "m5");
        assertThat(await(hubA.history("Kept", 2))).extracting(m -> m.message()).containsExactly("m4", "m5");
        assertThatThrownBy(() -> hubA.history("Kept", 1001)).isInstanceOf(HubException.class);
    }

    @Test
    void badNamesAreRefusedBeforeAnythingHappens() {
        FakeMember ann = new FakeMember("ann");
        assertThatThrownBy(() -> hubA.joinRoom(ann, " ")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> hubA.joinRoom(ann, "tab\there")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> hubA.sendMessage("ok", "x".repeat(101), "hi")).hasMessageContaining("longer than 100");
        assertThat(ann.rooms()).isEmpty();
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    /** Counts what the hub asks of its backplane. */
    private static final class CountingBackplane implements Backplane {
        private final Backplane delegate;
        final AtomicInteger published = new AtomicInteger();
        final AtomicInteger subscribed = new AtomicInteger();
        final AtomicInteger unsubscribed = new AtomicInteger();

        CountingBackplane(Backplane delegate) {
            this.delegate = delegate;
        }

        @Override
        public Uni<Void> subscribe(String room) {
            subscribed.incrementAndGet();
            return delegate.subscribe(room);
        }

        @Override
        public void unsubscribe(String room) {
            unsubscribed.incrementAndGet();
            delegate.unsubscribe(room);
        }

        @Override
        public Uni<Void> publish(String room, String frame) {
            published.incrementAndGet();
            return delegate.publish(room, frame);
        }

        @Override
        public void receiver(RoomFrameReceiver receiver) {
            delegate.receiver(receiver);
        }

        @Override
        public boolean connected() {
            return delegate.connected();
        }
    }
}
