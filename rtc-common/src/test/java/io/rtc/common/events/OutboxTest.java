package io.rtc.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox without a broker: a hand-turned loop and a sender whose confirms the test decides. */
class OutboxTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ManualLoop loop = new ManualLoop();
    private final FakeSender sender = new FakeSender();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(Outbox.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    private Outbox<String> outbox(int capacity, int maxInFlight) {
        return new Outbox<>(capacity, maxInFlight, TIMEOUT, sender, loop);
    }

    @Test
    void aFullOutboxDropsCountsAndLogsOnceWithoutBlocking() {
        Outbox<String> outbox = outbox(3, 10);
        List<Boolean> accepted = List.of("a", "b", "c", "d", "e").stream().map(outbox::offer).toList();

        assertThat(accepted).containsExactly(true, true, true, false, false);
        assertThat(outbox.dropped()).isEqualTo(2);
        assertThat(outbox.pending()).isEqualTo(3);
        assertThat(warnings).as("one warning for both drops (rate-limited)").hasSize(1);
        assertThat(warnings.get(0)).contains("1 event(s) dropped", "outbox of 3 events is full");

        loop.run();
        sender.confirmAll();
        loop.run();
        assertThat(sender.events()).containsExactly("a", "b", "c");
        assertThat(outbox.published()).isEqualTo(3);
        assertThat(outbox.pending()).isZero();
        assertThat(outbox.dropped()).isEqualTo(2);
    }

    @Test
    void aMissingConfirmIsResentWithTheSameIdAfterTheTimeout() {
        Outbox<String> outbox = outbox(10, 10);
        outbox.offer("joined");
        loop.run();
        String id = sender.get(0).id();

        loop.advance(TIMEOUT.toMillis() - 1);
        assertThat(sender.sends).hasSize(1);
        loop.advance(1);
        assertThat(sender.ids()).containsExactly(id, id);
        assertThat(outbox.resent()).isEqualTo(1);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains(id, "was not confirmed"));

        sender.get(1).result().complete(null);
        sender.get(0).result().complete(null); // the lost confirm turns up after all: counted once
        loop.run();
        assertThat(outbox.published()).isEqualTo(1);
        assertThat(outbox.pending()).isZero();
        loop.advance(TIMEOUT.toMillis() * 3);
        assertThat(sender.sends).as("nothing sent once confirmed").hasSize(2);
    }

    @Test
    void aRefusalIsResentWithTheSameIdAfterAPause() {
        Outbox<String> outbox = outbox(10, 10);
        outbox.offer("sent");
        loop.run();
        sender.get(0).result().completeExceptionally(new IllegalStateException("nacked"));
        loop.advance(Outbox.PAUSE_AFTER_REFUSAL_MILLIS - 1);
        assertThat(sender.sends).hasSize(1);
        loop.advance(1);

        assertThat(sender.ids()).hasSize(2).containsOnly(sender.get(0).id());
        sender.get(1).result().complete(null);
        loop.run();
        assertThat(outbox.published()).isEqualTo(1);
    }

    @Test
    void aSenderThatThrowsIsRetriedOnceASecondNotInATightLoop() {
        Outbox<String> outbox = new Outbox<>(10, 10, TIMEOUT, (id, event) -> {
            throw new IllegalStateException("channel closed");
        }, loop);
        outbox.offer("x");
        outbox.offer("y");
        loop.run();
        assertThat(outbox.resent()).isEqualTo(2);
        loop.advance(3 * Outbox.PAUSE_AFTER_REFUSAL_MILLIS);
        assertThat(outbox.resent()).isEqualTo(2 + 3);
        assertThat(outbox.pending()).isEqualTo(2);
    }

    @Test
    void afterAFailureOneEventIsInFlightUntilOneIsConfirmed() {
        Outbox<String> outbox = outbox(100, 4);
        for (int i = 0; i < 10; i++) {
            outbox.offer("e" + i);
        }
        loop.run();
        assertThat(sender.events()).containsExactly("e0", "e1", "e2", "e3");

        loop.advance(TIMEOUT.toMillis()); // the broker went away with four unconfirmed
        assertThat(outbox.resent()).isEqualTo(4);
        assertThat(sender.events()).as("probing: one at a time").containsExactly("e0", "e1", "e2", "e3", "e0");
        assertThat(sender.get(4).id()).isEqualTo(sender.get(0).id());

        loop.advance(TIMEOUT.toMillis()); // still away: the probe fails, the next one goes
        assertThat(sender.events()).hasSize(6).last().isEqualTo("e1");

        sender.get(5).result().complete(null); // back
        loop.run();
        assertThat(sender.events()).as("full speed again").hasSize(6 + 4);
        assertThat(sender.outstanding() - 5).as("in flight, beside the five sends given up on").isEqualTo(4);

        while (outbox.published() < 10 && sender.sends.size() < 100) {
            sender.confirmAll();
            loop.run();
        }
        assertThat(outbox.published()).isEqualTo(10);
        assertThat(outbox.pending()).isZero();
        assertThat(sender.ids().stream().distinct()).hasSize(10);
        assertThat(sender.events().stream().distinct()).hasSize(10);
    }

    @Test
    void aLateConfirmEndsProbingAndSavesTheCopyWaitingToBeResent() {
        Outbox<String> outbox = outbox(100, 2);
        outbox.offer("a");
        outbox.offer("b");
        outbox.offer("c");
        loop.run();
        loop.advance(TIMEOUT.toMillis()); // a and b time out; a goes again as the probe
        assertThat(sender.events()).containsExactly("a", "b", "a");

        sender.get(1).result().complete(null); // b's confirm arrives late after all
        loop.run();
        assertThat(sender.events()).as("b is not sent again; c goes, since probing is over").containsExactly("a", "b", "a", "c");

        sender.confirmAll();
        loop.run();
        assertThat(outbox.published()).isEqualTo(3);
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void aCopyFailingAfterItsEventWasConfirmedFreesItsSlot() {
        Outbox<String> outbox = outbox(100, 1);
        outbox.offer("a");
        outbox.offer("b");
        loop.run();
        loop.advance(TIMEOUT.toMillis()); // a times out and goes again
        sender.get(0).result().complete(null); // then the first a is confirmed after all
        loop.run();
        assertThat(sender.events()).as("the second a still holds the only slot").containsExactly("a", "a");

        sender.get(1).result().completeExceptionally(new IllegalStateException("nacked"));
        loop.run();
        assertThat(sender.events()).as("b goes at once: nothing failed that was not confirmed").containsExactly("a", "a", "b");
        assertThat(outbox.resent()).isEqualTo(1);
    }
}
