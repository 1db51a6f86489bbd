package io.rtc.fanout.publish;

import static io.rtc.fanout.support.MemoryFanout.ARCHIVE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.rtc.fanout.message.LogMessage;
import io.rtc.fanout.support.MemoryFanout;

/**
 * The publisher's promise on a {@link io.rtc.fanout.broker.MemoryBroker}: the answer completes only once the
 * broker confirmed, anything else is a {@link PublishRefusedException} (503, publish again), every publish is
 * answered exactly once, and the in-flight count always comes back to zero.
 */
class LogPublisherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private MemoryFanout fanout;
    private LogPublisher publisher;

    private void start(String... settings) {
        fanout = new MemoryFanout(null, settings);
        publisher = new LogPublisher(fanout.config.publish(), fanout.broker, fanout.metrics);
    }

    private CompletableFuture<String> publish(String id) {
        return publisher.publish(id, "text/plain", ("body of " + id).getBytes(UTF_8), "alice");
    }

    private static void assertRefused(CompletableFuture<String> answer, String reason) {
        assertThat(answer).isCompletedExceptionally();
        assertThatThrownBy(answer::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(PublishRefusedException.class).hasMessageContaining(reason);
    }

    @Test
    void aConfirmedPublishCompletesWithItsIdAndIsInTheArchiveQueue() {
        start();
        CompletableFuture<String> answer = publish("a");

        assertThat(answer).isCompletedWithValue("a");
        LogMessage queued = fanout.broker.messages(ARCHIVE).get(0);
        assertThat(queued.id()).isEqualTo("a");
        assertThat(new String(queued.body(), UTF_8)).isEqualTo("body of a");
        assertThat(queued.publisher()).isEqualTo("alice");
        assertThat(fanout.count("fanout.messages.published")).isEqualTo(1);
        assertThat(publisher.inFlight()).isZero();
    }

    @Test
    void aNackIsRefused() {
        start();
        fanout.broker.refuseNext(1);

        assertRefused(publish("a"), "nack");
        assertThat(fanout.count("fanout.messages.refused")).isEqualTo(1);
        assertThat(publisher.inFlight()).isZero();
        assertThat(publish("b")).isCompletedWithValue("b");
    }

    @Test
    void aConfirmOverdueIsRefusedOnceAndALateConfirmChangesNothing() {
        start();
        fanout.broker.holdConfirms();
        CompletableFuture<String> answer = publish("a");

        publisher.sweep(System.nanoTime());
        assertThat(answer).isNotDone();

        publisher.sweep(System.nanoTime() + TIMEOUT.toNanos() + 1);
        assertRefused(answer, "did not confirm the message in time");
        assertThat(publisher.inFlight()).isZero();

        fanout.broker.releaseConfirms();
        assertRefused(answer, "did not confirm the message in time");
        assertThat(publisher.inFlight()).isZero();
        assertThat(fanout.count("fanout.messages.refused")).isEqualTo(1);
        assertThat(fanout.count("fanout.messages.published")).isZero();
    }

    @Test
    void aBrokerThatIsDownOrBlockedRefusesAtOnceSayingWhy() {
        start();
        fanout.broker.disconnect();
        assertRefused(publish("a"), "RabbitMQ is not reachable");

        fanout.broker.reconnect();
        fanout.broker.block("memory alarm");
        assertRefused(publish("b"), "RabbitMQ blocks publishing: memory alarm");

        // refused before any attempt: nothing reached a queue, nothing waits for a confirm
        assertThat(fanout.broker.published()).isZero();
        assertThat(publisher.inFlight()).isZero();
        assertThat(fanout.count("fanout.messages.refused")).isEqualTo(2);
    }

    @Test
    void beyondMaxInFlightAPublishIsRefusedUntilOneIsAnswered() {
        start("fanout.publish.max-in-flight", "2");
        fanout.broker.holdConfirms();
        CompletableFuture<String> first = publish("a");
        CompletableFuture<String> second = publish("b");

        assertRefused(publish("c"), "Too many publishes are waiting for the broker");

        fanout.broker.releaseConfirms();
        assertThat(first).isCompletedWithValue("a");
        assertThat(second).isCompletedWithValue("b");
        assertThat(publish("d")).isCompletedWithValue("d");
        assertThat(publisher.inFlight()).isZero();
    }

    @Test
    void stopRefusesNewPublishesAndWaitsForTheOnesInFlight() {
        start();
        fanout.broker.holdConfirms();
        CompletableFuture<String> first = publish("a");
        CompletableFuture<String> second = publish("b");
        // the broker confirms while stop waits, from a thread of its own as RabbitMQ's client does
        CompletableFuture.runAsync(fanout.broker::releaseConfirms, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));

        assertThat(publisher.stop(TIMEOUT)).isZero();

        assertThat(first).isCompletedWithValue("a");
        assertThat(second).isCompletedWithValue("b");
        assertRefused(publish("c"), "shutting down");
    }

    @Test
    void stopGivesUpAfterItsLimitAndSaysHowManyWereLeft() {
        start();
        fanout.broker.holdConfirms();
        CompletableFuture<String> answer = publish("a");

        assertThat(publisher.stop(Duration.ofMillis(50))).isEqualTo(1);
        assertThat(answer).isNotDone();
    }

    @Test
    void refuseNewRefusesWithoutTouchingTheOnesInFlight() {
        start();
        fanout.broker.holdConfirms();
        CompletableFuture<String> answer = publish("a");

        publisher.refuseNew();
        assertRefused(publish("b"), "shutting down");

        fanout.broker.releaseConfirms();
        assertThat(answer).isCompletedWithValue("a");
        assertThat(fanout.broker.published()).isEqualTo(1);
    }
}
