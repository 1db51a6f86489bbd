package io.rtc.fanout.shutdown;

import static io.rtc.fanout.support.MemoryFanout.ARCHIVE;
import static io.rtc.fanout.support.MemoryFanout.DLQ;
import static io.rtc.fanout.support.MemoryFanout.soon;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rtc.fanout.archive.ArchiveConsumer;
import io.rtc.fanout.archive.TestDisk;
import io.rtc.fanout.broker.QueueStats;
import io.rtc.fanout.publish.LogPublisher;
import io.rtc.fanout.publish.PublishRefusedException;
import io.rtc.fanout.support.MemoryFanout;
import io.rtc.fanout.tail.FakeTailSocket;
import io.rtc.fanout.tail.TailFeed;
import io.rtc.fanout.tail.TailHub;
import io.vertx.core.Vertx;

/**
 * The shutdown's order on a {@link io.rtc.fanout.broker.MemoryBroker}: every publish in flight answered, both
 * consumers paused, what the archive holds written and acknowledged, the rest left in the queue. A real Vert.x
 * runs LogPublisher's confirm-timeout sweep, so a publish the broker never confirms is answered as in production.
 */
class GracefulStopTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private MemoryFanout fanout;
    private TestDisk disk;
    private LogPublisher publisher;
    private FakeTailSocket tailClient;
    private GracefulStop stop;

    private void start(String... settings) {
        fanout = new MemoryFanout(dir, settings);
        disk = new TestDisk(fanout.config);
        TailHub hub = new TailHub(fanout.metrics, fanout.config);
        TailFeed feed = new TailFeed(hub, fanout.metrics, fanout.broker, fanout.config);
        publisher = new LogPublisher(fanout.config, fanout.broker, fanout.metrics, vertx);
        var writer = disk.writer(fanout.config, fanout.metrics);
        ArchiveConsumer consumer = new ArchiveConsumer(writer, fanout.metrics, fanout.config, fanout.broker, fanout.topology);
        stop = new GracefulStop(hub, feed, publisher, consumer, writer, fanout.config);
        feed.start();
        consumer.start();
        tailClient = FakeTailSocket.connect(hub);
    }

    private List<CompletableFuture<String>> publish(String... ids) {
        return List.of(ids).stream().map(id -> publisher.publish(id, "text/plain", id.getBytes(UTF_8), null)).toList();
    }

    @AfterEach
    void close() throws Exception {
        disk.release();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void stopAnswersThePublishesInFlightAndTheArchiveSettlesWhatItWasGiven() throws Exception {
        // the archive is given four at a time: m5 and m6 stay in the queue
        start("fanout.archive.prefetch", "4", "fanout.archive.batch-size", "4");
        disk.hold();
        fanout.broker.holdConfirms();
        List<CompletableFuture<String>> answers = publish("m1", "m2", "m3", "m4", "m5", "m6");
        soon().until(disk::holding);

        // the confirms come while stop() waits for them, from another thread as RabbitMQ's client sends them
        CompletableFuture<Void> confirmed = CompletableFuture.runAsync(() -> soon().until(() -> tailClient.closeCode() != null))
                .thenRunAsync(fanout.broker::releaseConfirms, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        // the disk lets go once the archive's consumer is paused: what the writer has then is all it gets.
        // The answers are checked at the pause too: the archive's drain (200 ms of quiet) outlasts the 100 ms
        // above, so after stop() they would be in even from a stop that did not wait for them
        CompletableFuture<Boolean> answeredBeforePause = CompletableFuture.supplyAsync(() -> {
            soon().until(() -> fanout.broker.stats(ARCHIVE).consumers() == 0);
            boolean answered = answers.stream().allMatch(CompletableFuture::isDone);
            disk.release();
            return answered;
        });
        stop.stop();
        confirmed.get(5, TimeUnit.SECONDS);

        assertThat(answeredBeforePause.get(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i)).isCompletedWithValue("m" + (i + 1));
        }
        assertThat(tailClient.closeCode()).isEqualTo((short) 1001);
        assertThat(fanout.archived()).containsExactly("m1", "m2", "m3", "m4");
        // messages() counts what is ready and what is delivered unsettled, stats() only what is ready:
        // the same two, so the four the writer had are acknowledged and nothing delivered is left unsettled
        assertThat(fanout.queued(ARCHIVE)).containsExactly("m5", "m6");
        assertThat(fanout.broker.stats(ARCHIVE)).isEqualTo(new QueueStats(ARCHIVE, 2, 0));
        assertThat(fanout.queued(DLQ)).isEmpty();

        // the publisher refuses now; what still reaches the broker reaches neither consumer
        assertThat(publish("m7").get(0)).isCompletedExceptionally();
        fanout.publish("m8");
        assertThat(fanout.queued(ARCHIVE)).containsExactly("m5", "m6", "m8");
        assertThat(fanout.archived()).hasSize(4);
        assertThat(fanout.count("fanout.messages.received")).isEqualTo(6);
    }

    @Test
    void aPublishTheBrokerNeverConfirmsIsAnsweredByItsTimeoutBeforeStopReturns() {
        start("fanout.publish.confirm-timeout", "200ms");
        fanout.broker.holdConfirms();
        List<CompletableFuture<String>> answers = publish("m1", "m2");

        stop.stop();

        assertThat(answers).allSatisfy(answer -> assertThat(answer).isCompletedExceptionally()
                .failsWithin(0, TimeUnit.SECONDS).withThrowableThat().havingCause()
                .isInstanceOf(PublishRefusedException.class).withMessageContaining("did not confirm"));
        assertThat(fanout.count("fanout.messages.refused")).isEqualTo(2);
        // the archive was not held: it wrote both (they reached the queue, only their confirms were lost)
        assertThat(fanout.archived()).containsExactly("m1", "m2");
        assertThat(fanout.queued(ARCHIVE)).isEmpty();
    }
}
