package io.rtc.fanout.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.rtc.fanout.message.LogMessage;

class MemoryBrokerTest {

    private static final String EXCHANGE = "logs";
    private static final String ARCHIVE = "logs.archive";
    private static final String DLQ = "logs.archive.dlq";
    private static final String AUDIT = "logs.audit";

    private final MemoryBroker broker = new MemoryBroker(new Topology(EXCHANGE, ARCHIVE, "logs.dlx", DLQ, List.of(AUDIT)));

    private static LogMessage message(String id) {
        return new LogMessage(id, Instant.now(), "text/plain", id.getBytes(UTF_8), null);
    }

    /** Keeps what it is given; throws for the ids it is told to. */
    private static final class Recorder implements Broker.Deliveries {
        final List<Delivery> got = Collections.synchronizedList(new ArrayList<>());
        final List<String> failFor = new ArrayList<>();

        @Override
        public void deliver(Delivery delivery) {
            got.add(delivery);
            if (failFor.contains(delivery.message().id())) {
                throw new IllegalStateException("cannot take " + delivery.message().id());
            }
        }

        List<String> ids() {
            synchronized (got) {
                return got.stream().map(d -> d.message().id()).toList();
            }
        }

        List<Long> tags() {
            synchronized (got) {
                return got.stream().map(Delivery::tag).toList();
            }
        }
    }

    private static List<String> ids(List<LogMessage> messages) {
        return messages.stream().map(LogMessage::id).toList();
    }

    private void publish(String... ids) {
        for (String id : ids) {
            broker.publish(message(id)).toCompletableFuture().join();
        }
    }

    private static String ownQueue(List<String> queues) {
        return queues.stream().filter(name -> name.startsWith("amq.gen-")).findFirst().orElse(null);
    }

    private static void assertRefused(CompletionStage<Void> stage, String reason) {
        assertThatThrownBy(() -> stage.toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(BrokerUnavailableException.class).hasMessageContaining(reason);
    }

    @Test
    void theTopologyExistsFromTheStart() throws IOException {
        assertThat(broker.state()).isEqualTo(BrokerState.UP);
        assertThat(broker.blockedReason()).isNull();
        assertThat(broker.queues()).containsExactlyInAnyOrder(ARCHIVE, DLQ, AUDIT);
        assertThat(broker.stats(ARCHIVE)).isEqualTo(new QueueStats(ARCHIVE, 0, 0));
        assertThat(broker.stats(DLQ)).isEqualTo(new QueueStats(DLQ, 0, 0));
        assertThat(broker.stats("logs.nothing")).isNull();
        assertThatThrownBy(() -> broker.consume("logs.nothing", 1, d -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPublishReachesEveryBoundQueueAndEveryOwnQueue() {
        Recorder tail = new Recorder();
        Recorder otherTail = new Recorder();
        broker.consumeOwnQueue(10, tail);
        broker.consumeOwnQueue(10, otherTail);

        CompletionStage<Void> confirm = broker.publish(message("a"));

        assertThat(confirm.toCompletableFuture()).isCompleted();
        assertThat(ids(broker.messages(ARCHIVE))).containsExactly("a");
        assertThat(ids(broker.messages(AUDIT))).containsExactly("a");
        assertThat(broker.messages(DLQ)).isEmpty();
        assertThat(tail.ids()).containsExactly("a");
        assertThat(otherTail.ids()).containsExactly("a");
        assertThat(broker.published()).isEqualTo(1);
    }

    @Test
    void prefetchBoundsTheUnsettledThenAnAckLetsTheNextOneThrough() throws IOException {
        Recorder archive = new Recorder();
        Consumption consumption = broker.consume(ARCHIVE, 2, archive);
        publish("a", "b", "c", "d", "e");

        assertThat(archive.ids()).containsExactly("a", "b");
        assertThat(broker.stats(ARCHIVE)).isEqualTo(new QueueStats(ARCHIVE, 3, 1));
        assertThat(broker.messages(ARCHIVE)).hasSize(5);

        consumption.ack(archive.tags().get(0), false);
        assertThat(archive.ids()).containsExactly("a", "b", "c");
        assertThat(ids(broker.messages(ARCHIVE))).containsExactly("b", "c", "d", "e");
        assertThat(archive.tags()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aMultipleAckSettlesEveryEarlierDelivery() {
        Recorder archive = new Recorder();
        Consumption consumption = broker.consume(ARCHIVE, 10, archive);
        publish("a", "b", "c", "d", "e");

        consumption.ack(archive.tags().get(2), true);
        assertThat(ids(broker.messages(ARCHIVE))).containsExactly("d", "e");

        // settled already: RabbitMQ would close the channel
        assertThatThrownBy(() -> consumption.ack(archive.tags().get(1), false)).isInstanceOf(IllegalStateException.class);
        consumption.ack(archive.tags().get(4), true);
        assertThat(broker.messages(ARCHIVE)).isEmpty();
    }

    @Test
    void aRejectFromTheArchiveGoesToItsDeadLetterQueueAndFromElsewhereIsDropped() {
        Recorder archive = new Recorder();
        Recorder audit = new Recorder();
        Consumption archiveConsumption = broker.consume(ARCHIVE, 10, archive);
        Consumption auditConsumption = broker.consume(AUDIT, 10, audit);
        publish("a", "b");

        archiveConsumption.reject(archive.tags().get(0));
        auditConsumption.reject(audit.tags().get(1));

        assertThat(ids(broker.messages(ARCHIVE))).containsExactly("b");
        assertThat(ids(broker.messages(DLQ))).containsExactly("a");
        assertThat(ids(broker.messages(AUDIT))).containsExactly("a");

        Recorder deadLetters = new Recorder();
        broker.consume(DLQ, 10, deadLetters);
        assertThat(deadLetters.ids()).containsExactly("a");
    }

    @Test
    void consumersOfOneQueueTakeTurns() throws IOException {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        broker.consume(AUDIT, 10, first);
        broker.consume(AUDIT, 10, second);
        publish("a", "b", "c", "d", "e", "f");

        assertThat(first.ids()).containsExactly("a", "c", "e");
        assertThat(second.ids()).containsExactly("b", "d", "f");
        assertThat(broker.stats(AUDIT)).isEqualTo(new QueueStats(AUDIT, 0, 2));
    }

    @Test
    void aPausedConsumerGetsNothingMoreAndKeepsItsUnsettledUntilTheConnectionDrops() throws IOException {
        Recorder paused = new Recorder();
        Consumption consumption = broker.consume(ARCHIVE, 2, paused);
        publish("a", "b", "c");
        consumption.pause();
        publish("d");

        assertThat(paused.ids()).containsExactly("a", "b");
        assertThat(broker.stats(ARCHIVE)).isEqualTo(new QueueStats(ARCHIVE, 2, 0));
        // what it holds can still be acknowledged (the archive writes, then acks, at shutdown)
        consumption.ack(paused.tags().get(0), false);
        assertThat(ids(broker.messages(ARCHIVE))).containsExactly("b", "c", "d");

        Recorder next = new Recorder();
        broker.consume(ARCHIVE, 10, next);
        assertThat(next.ids()).containsExactly("c", "d");
        broker.disconnect();
        broker.reconnect();
        assertThat(next.ids()).containsExactly("c", "d", "b", "c", "d");
        assertThat(paused.ids()).containsExactly("a", "b");
    }

    @Test
    void pauseWaitsForADeliveryUnderWayOnAnotherThread() throws Exception {
        CountDownLatch inDeliver = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        Consumption consumption = broker.consume(ARCHIVE, 10, delivery -> {
            delivered.incrementAndGet();
            inDeliver.countDown();
            await(letGo);
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish("a", "b", "c"), threads);
            assertThat(inDeliver.await(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> pausing = CompletableFuture.runAsync(consumption::pause, threads);
            Thread.sleep(100);
            assertThat(pausing).isNotDone();
            letGo.countDown();
            pausing.get(5, TimeUnit.SECONDS);
            publishing.get(5, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(delivered).hasValue(1);
        assertThat(broker.messages(ARCHIVE)).hasSize(3);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anOwnQueueGoesAwayWithItsPause() throws IOException {
        Recorder tail = new Recorder();
        Consumption consumption = broker.consumeOwnQueue(10, tail);
        String own = ownQueue(broker.queues());
        assertThat(own).isNotNull();
        assertThat(broker.stats(own)).isEqualTo(new QueueStats(own, 0, 1));

        publish("a");
        consumption.pause();
        publish("b");

        assertThat(tail.ids()).containsExactly("a");
        assertThat(broker.queues()).doesNotContain(own);
        assertThat(broker.stats(own)).isNull();
        assertThatThrownBy(() -> broker.consume(own, 1, d -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOwnQueuePausedWhileDisconnectedIsNotDeclaredAgain() {
        Recorder tail = new Recorder();
        Consumption consumption = broker.consumeOwnQueue(10, tail);
        broker.disconnect();
        consumption.pause();
        broker.reconnect();
        publish("a");

        // as RabbitMQ's topology recovery, which recovers no cancelled consumer: no queue left filling up
        assertThat(ownQueue(broker.queues())).isNull();
        assertThat(tail.ids()).isEmpty();
    }

    @Test
    void statsCountReadyMessagesOnly() throws IOException {
        broker.consume(ARCHIVE, 1, new Recorder());
        publish("a", "b", "c");

        assertThat(broker.stats(ARCHIVE)).isEqualTo(new QueueStats(ARCHIVE, 2, 1));
        assertThat(broker.stats(AUDIT)).isEqualTo(new QueueStats(AUDIT, 3, 0));
        assertThat(broker.stats(DLQ)).isEqualTo(new QueueStats(DLQ, 0, 0));
    }

    @Test
    void aBlockedBrokerRefusesPublishesAtOnce() {
        broker.block("memory alarm");

        assertThat(broker.state()).isEqualTo(BrokerState.BLOCKED);
        assertThat(broker.blockedReason()).isEqualTo("memory alarm");
        assertRefused(broker.publish(message("a")), "memory alarm");
        assertThat(broker.messages(ARCHIVE)).isEmpty();
        assertThat(broker.published()).isZero();

        broker.unblock();
        assertThat(broker.state()).isEqualTo(BrokerState.UP);
        assertThat(broker.blockedReason()).isNull();
        publish("b");
        assertThat(ids(broker.messages(ARCHIVE))).containsExactly("b");
    }

    @Test
    void heldConfirmsCompleteInOrderOnRelease() {
        Recorder archive = new Recorder();
        broker.consume(ARCHIVE, 10, archive);
        broker.holdConfirms();
        List<String> confirmed = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            stages.add(broker.publish(message(id)).thenRun(() -> confirmed.add(id)).toCompletableFuture());
        }

        assertThat(stages).noneMatch(CompletableFuture::isDone);
        assertThat(archive.ids()).containsExactly("a", "b", "c");

        broker.releaseConfirms();
        assertThat(stages).allMatch(stage -> stage.isDone() && !stage.isCompletedExceptionally());
        assertThat(confirmed).containsExactly("a", "b", "c");
        assertThat(broker.publish(message("d")).toCompletableFuture()).isCompleted();
    }

    @Test
    void refusedPublishesAreNackedAndReachNoQueue() {
        broker.refuseNext(2);

        assertRefused(broker.publish(message("a")), "refused");
        assertRefused(broker.publish(message("b")), "refused");
        assertThat(broker.publish(message("c")).toCompletableFuture()).isCompleted();
        assertThat(ids(broker.messages(ARCHIVE))).containsExactly("c");
        assertThat(broker.published()).isEqualTo(1);
    }

    @Test
    void aDisconnectRedeliversTheUnsettledWithNewTagsAndIgnoresTheStaleOnes() {
        Recorder archive = new Recorder();
        Recorder tail = new Recorder();
        Consumption consumption = broker.consume(ARCHIVE, 2, archive);
        broker.consumeOwnQueue(10, tail);
        String ownBefore = ownQueue(broker.queues());
        publish("a", "b", "c");
        broker.holdConfirms();
        CompletionStage<Void> held = broker.publish(message("d"));

        broker.disconnect();

        assertThat(broker.state()).isEqualTo(BrokerState.DOWN);
        assertRefused(held, "dropped");
        assertRefused(broker.publish(message("e")), "not connected");
        assertThatThrownBy(() -> broker.stats(ARCHIVE)).isInstanceOf(IOException.class);
        assertThat(broker.queues()).doesNotContain(ownBefore);
        // a confirm lost is not a message lost: it reached the queue before the connection dropped
        assertThat(ids(broker.messages(ARCHIVE))).containsExactly("a", "b", "c", "d");
        consumption.ack(archive.tags().get(1), true);
        assertThat(broker.messages(ARCHIVE)).hasSize(4);

        broker.releaseConfirms();
        broker.reconnect();

        assertThat(broker.state()).isEqualTo(BrokerState.UP);
        assertThat(archive.ids()).containsExactly("a", "b", "a", "b");
        List<Long> tags = archive.tags();
        assertThat(tags).isSorted().doesNotHaveDuplicates();
        consumption.ack(tags.get(1), true);
        assertThat(archive.ids()).containsExactly("a", "b", "a", "b");
        consumption.ack(tags.get(3), true);
        assertThat(archive.ids()).containsExactly("a", "b", "a", "b", "c", "d");

        String ownAfter = ownQueue(broker.queues());
        assertThat(ownAfter).isNotNull().isNotEqualTo(ownBefore);
        publish("f");
        assertThat(tail.ids()).containsExactly("a", "b", "c", "d", "f");
    }

    @Test
    void aFailingDeliveryStaysUnsettledAndTheNextOnesFollow() throws IOException {
        Recorder archive = new Recorder();
        archive.failFor.add("a");
        broker.consume(ARCHIVE, 10, archive);
        publish("a", "b");

        assertThat(archive.ids()).containsExactly("a", "b");
        assertThat(ids(broker.messages(ARCHIVE))).containsExactly("a", "b");
        assertThat(broker.stats(ARCHIVE).messages()).isZero();
    }

    @Test
    void concurrentPublishersKeepTheirOrderAndLoseNothing() throws Exception {
        int threads = 4;
        int each = 10_000;
        BlockingQueue<Delivery> toAck = new LinkedBlockingQueue<>();
        AtomicInteger inDeliver = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Delivery> archived = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allArchived = new CountDownLatch(threads * each);
        Consumption archive = broker.consume(ARCHIVE, 64, delivery -> {
            if (inDeliver.getAndIncrement() != 0) {
                overlaps.incrementAndGet();
            }
            archived.add(delivery);
            toAck.add(delivery);
            allArchived.countDown();
            inDeliver.decrementAndGet();
        });
        // acked on its own thread, as the archive writer does: deliveries then also flow from there
        Thread acker = new Thread(() -> {
            try {
                for (int i = 0; i < threads * each; i++) {
                    archive.ack(toAck.take().tag(), false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        acker.start();
        List<String> audited = Collections.synchronizedList(new ArrayList<>());
        Consumption[] audit = new Consumption[1];
        audit[0] = broker.consume(AUDIT, 8, delivery -> {
            audited.add(delivery.message().id());
            audit[0].ack(delivery.tag(), false);
        });

        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String prefix = "t" + t + "-";
            publishers.add(new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    broker.publish(message(prefix + i)).toCompletableFuture().join();
                }
            }));
        }
        publishers.forEach(Thread::start);
        for (Thread publisher : publishers) {
            publisher.join(30_000);
        }
        assertThat(allArchived.await(30, TimeUnit.SECONDS)).isTrue();
        acker.join(30_000);

        assertThat(overlaps).hasValue(0);
        assertThat(archived.stream().map(Delivery::tag).toList()).isSorted().doesNotHaveDuplicates();
        assertPerThreadOrder(archived.stream().map(d -> d.message().id()).toList(), threads, each);
        assertPerThreadOrder(audited, threads, each);
        assertThat(broker.messages(ARCHIVE)).isEmpty();
        assertThat(broker.messages(AUDIT)).isEmpty();
        assertThat(broker.published()).isEqualTo((long) threads * each);
    }

    private static void assertPerThreadOrder(List<String> ids, int threads, int each) {
        assertThat(ids).hasSize(threads * each).doesNotHaveDuplicates();
        Map<String, Integer> next = new HashMap<>();
        for (String id : ids) {
            String thread = id.substring(0, id.indexOf('-'));
            int index = Integer.parseInt(id.substring(id.indexOf('-') + 1));
            assertThat(index).as(id).isEqualTo(next.getOrDefault(thread, 0));
            next.put(thread, index + 1);
        }
    }
}
