package io.rtc.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

class SendTrackerTest {

    private final SendTracker tracker = new SendTracker();

    @Test
    void settledOnceAnsweredAndSeenBackInEitherOrder() {
        tracker.sent("u", "one");
        tracker.sent("u", "two");
        Future<Void> settled = tracker.settled();

        tracker.received("u", "one");          // delivery before Completion
        tracker.answered("u", "one", true);
        tracker.answered("u", "two", true);     // Completion before delivery
        assertThat(settled.isComplete()).isFalse();
        tracker.received("bob", "two");         // someone else's message: not ours
        assertThat(settled.isComplete()).isFalse();
        tracker.received("u", "two");

        assertThat(settled.succeeded()).isTrue();
    }

    @Test
    void aFailedSendIsNotAwaitedBack() {
        tracker.sent("u", "boom");
        tracker.answered("u", "boom", false);

        assertThat(tracker.settled().succeeded()).isTrue();
        assertThat(tracker.missingEchoes()).isZero();
    }

    @Test
    void theSameLineTwiceNeedsTwoEchoes() {
        tracker.sent("u", "hi");
        tracker.sent("u", "hi");
        tracker.answered("u", "hi", true);
        tracker.answered("u", "hi", true);
        tracker.received("u", "hi");

        assertThat(tracker.settled().isComplete()).isFalse();
        assertThat(tracker.missingEchoes()).isEqualTo(1);
        tracker.received("u", "hi");
        assertThat(tracker.settled().succeeded()).isTrue();
    }

    @Test
    void nothingSentIsSettledAtOnce() {
        assertThat(tracker.settled().succeeded()).isTrue();
    }
}
