package io.rtc.fanout.archive;

import static io.rtc.fanout.support.MemoryFanout.ARCHIVE;
import static io.rtc.fanout.support.MemoryFanout.DLQ;
import static io.rtc.fanout.support.MemoryFanout.soon;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rtc.fanout.broker.Consumption;
import io.rtc.fanout.broker.Delivery;
import io.rtc.fanout.support.MemoryFanout;
import io.vertx.core.json.JsonObject;

/**
 * The archive on a {@link io.rtc.fanout.broker.MemoryBroker} and a {@link TestDisk}: each message written once,
 * acknowledged only once on disk, and sent to the dead-letter queue rather than lost when the disk gives up.
 */
class ArchiveWriterTest {

    @TempDir
    Path dir;

    private MemoryFanout fanout;
    private TestDisk disk;
    private ArchiveWriter writer;

    /** The writer behind an ArchiveConsumer, as the service runs it. */
    private void start(String... settings) {
        startWriter(settings);
        new ArchiveConsumer(writer, fanout.metrics, fanout.config, fanout.broker, fanout.topology).start();
    }

    private void startWriter(String... settings) {
        fanout = new MemoryFanout(dir, settings);
        disk = new TestDisk(fanout.config);
        writer = disk.writer(fanout.config, fanout.metrics);
    }

    /** Publishes one message, and the rest once the writer is busy with it: those make one batch. */
    private void publishWhileBusy(String first, String... rest) {
        disk.hold();
        fanout.publish(first);
        soon().until(disk::holding);
        fanout.publish(rest);
        disk.release();
    }

    private void awaitSettled() {
        soon().until(() -> fanout.broker.messages(ARCHIVE).isEmpty());
    }

    @AfterEach
    void stopWriter() {
        if (disk != null) {
            disk.release();
            writer.close();
        }
    }

    @Test
    void whatArrivesWhileTheWriterIsBusyIsWrittenWithOneFsyncAndSettledWithOneAck() {
        startWriter();
        List<String> acks = new CopyOnWriteArrayList<>();
        fanout.broker.consume(ARCHIVE, 16, delivery -> writer.submit(
                new Delivery(delivery.message(), delivery.tag(), recording(delivery.from(), acks))));

        publishWhileBusy("a", "b", "c", "d", "e");
        awaitSettled();

        assertThat(disk.forces()).isEqualTo(2);
        assertThat(acks).containsExactly("ack 1 multiple", "ack 5 multiple");
        assertThat(fanout.archived()).containsExactly("a", "b", "c", "d", "e");
        assertThat(fanout.count("fanout.archive.messages.written")).isEqualTo(5);
        JsonObject line = new JsonObject(new ArchiveReader(fanout.config).newest(1).get(0));
        assertThat(line.getString("body")).isEqualTo("body of e");
        assertThat(line.getString("contentType")).isEqualTo("text/plain");
        assertThat(line.getString("archivedAt")).isNotBlank();
    }

    private static Consumption recording(Consumption real, List<String> acks) {
        return new Consumption() {
            @Override
            public void ack(long tag, boolean multiple) {
                acks.add("ack " + tag + (multiple ? " multiple" : ""));
                real.ack(tag, multiple);
            }

            @Override
            public void reject(long tag) {
                acks.add("reject " + tag);
                real.reject(tag);
            }

            @Override
            public void pause() {
                real.pause();
            }
        };
    }

    @Test
    void anIdAlreadyArchivedOrTwiceInOneBatchIsWrittenOnceAndBothAreAcknowledged() {
        start();
        // a client's retry of a publish whose answer it lost: in the same batch, then in a later one
        publishWhileBusy("a", "b", "b");
        awaitSettled();
        fanout.publish("a");
        awaitSettled();

        assertThat(fanout.archived()).containsExactly("a", "b");
        assertThat(fanout.count("fanout.archive.duplicates")).isEqualTo(2);
        assertThat(fanout.queued(DLQ)).isEmpty();
    }

    @Test
    void aMessageRedeliveredAfterAReconnectionIsNotWrittenAgain() {
        start();
        disk.hold();
        fanout.publish("a");
        soon().until(disk::holding);
        // its ack can no longer reach the broker, which delivers it again: the writer then has it twice
        fanout.broker.disconnect();
        fanout.broker.reconnect();
        disk.release();
        awaitSettled();

        assertThat(fanout.archived()).containsExactly("a");
        assertThat(fanout.count("fanout.archive.duplicates")).isEqualTo(1);
    }

    @Test
    void aWriteThatFailsTwiceIsRetriedAndWrittenOnce() {
        start("fanout.archive.retry-delay", "1ms");
        disk.failNext(2);
        fanout.publish("a");
        awaitSettled();

        // the failed tries' lines were cut back: no half-written copies before the good one
        assertThat(fanout.archived()).containsExactly("a");
        assertThat(fanout.count("fanout.archive.write.retries")).isEqualTo(2);
        assertThat(fanout.queued(DLQ)).isEmpty();
    }

    @Test
    void aDiskThatKeepsFailingSendsItsBatchesToTheDeadLetterQueueButNotWhatWasArchived() {
        start("fanout.archive.retry-delay", "1ms", "fanout.archive.max-attempts", "3");
        fanout.publish("x");
        awaitSettled();
        disk.failAlways();

        publishWhileBusy("a", "x", "b");
        soon().until(() -> fanout.queued(DLQ).size() == 2);

        assertThat(fanout.queued(DLQ)).containsExactly("a", "b");
        assertThat(fanout.queued(ARCHIVE)).isEmpty();
        assertThat(fanout.archived()).containsExactly("x");
        assertThat(fanout.count("fanout.archive.dead.lettered")).isEqualTo(2);
        // two batches ([a], then [x, b]), each tried 3 times
        assertThat(fanout.count("fanout.archive.write.retries")).isEqualTo(4);
    }

    @Test
    void aMessageTooLargeToArchiveGoesToTheDeadLetterQueueAtOnce() {
        start("fanout.archive.max-message-size", "16");
        // MemoryBroker delivers on the publishing thread: the consumer's verdict is in when publish returns
        fanout.broker.publish(MemoryFanout.message("big", "x".repeat(17))).toCompletableFuture().join();

        assertThat(fanout.queued(DLQ)).containsExactly("big");
        assertThat(fanout.queued(ARCHIVE)).isEmpty();
        assertThat(fanout.count("fanout.archive.dead.lettered")).isEqualTo(1);

        fanout.publish("small");
        awaitSettled();
        assertThat(fanout.archived()).containsExactly("small");
    }
}
