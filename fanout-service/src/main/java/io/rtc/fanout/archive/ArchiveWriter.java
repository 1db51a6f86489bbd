package io.rtc.fanout.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.rtc.fanout.broker.Delivery;
import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.message.LogFrames;
import io.rtc.fanout.metrics.FanoutMetrics;

/**
 * Writes archived messages on a thread of its own: it takes what has arrived (up to a batch),
 * drops ids already archived, appends the lines, fsyncs once, then acknowledges the whole batch with
 * one ack (the last delivery's, {@code multiple}). A batch that cannot be written is tried again a
 * bounded number of times, then its messages are rejected to the dead-letter queue. The queue here is
 * bounded by the broker's prefetch.
 */
@Singleton
public class ArchiveWriter {

    private static final Logger LOG = Logger.getLogger(ArchiveWriter.class);

    private final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
    private final FanoutConfig.Archive config;
    private final FanoutMetrics metrics;
    private final ArchiveFiles files;
    private final RecentIds recent;
    private final Thread thread;
    private volatile boolean running = true;
    /** False once the shutdown drained the writer: later messages stay unacknowledged for redelivery. */
    private volatile boolean accepting = true;
    /** When the last message was handed over, for {@link #drain}. */
    private volatile long lastSubmitted = System.nanoTime();
    private volatile boolean writing;

    @Inject
    public ArchiveWriter(FanoutConfig config, FanoutMetrics metrics) {
        this(config.archive(), metrics, new ArchiveFiles(config.archive().dir(), config.archive().maxFileSize()));
    }

    /** With files of the caller's (a test's disk that fails). */
    ArchiveWriter(FanoutConfig.Archive config, FanoutMetrics metrics, ArchiveFiles files) {
        this.config = config;
        this.metrics = metrics;
        this.files = files;
        this.recent = new RecentIds(this.config.dedupeWindow());
        for (String line : ArchiveReader.newest(this.config.dir(), this.config.dedupeWindow())) {
            String id = RecentIds.idOf(line);
            if (id != null) {
                recent.add(id);
            }
        }
        LOG.infof("Archive at %s, %d recent ids remembered", this.config.dir().toAbsolutePath(), recent.size());
        this.thread = new Thread(this::run, "archive-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands a message over to be written, then acknowledged. False once the writer has stopped (shutdown):
     * the message is then left unacknowledged, and the broker delivers it again after the restart.
     */
    boolean submit(Delivery delivery) {
        if (!accepting) {
            return false;
        }
        lastSubmitted = System.nanoTime();
        queue.add(delivery);
        return true;
    }

    private void run() {
        List<Delivery> batch = new ArrayList<>(config.batchSize());
        while (running || !queue.isEmpty()) {
            try {
                Delivery first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                writing = true;
                batch.add(first);
                queue.drainTo(batch, config.batchSize() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // not left unacknowledged: the next batch's multiple ack would settle it unwritten
                LOG.error("Archive writer failed on a batch; its messages go to the dead-letter queue", e);
                batch.forEach(Delivery::reject);
                metrics.deadLettered(batch.size());
            } finally {
                batch.clear();
                writing = false;
            }
        }
    }

    private void write(List<Delivery> batch) throws InterruptedException {
        List<Delivery> fresh = new ArrayList<>(batch.size());
        Set<String> batchIds = new HashSet<>();
        int duplicates = 0;
        StringBuilder lines = new StringBuilder(batch.size() * 256);
        Instant now = Instant.now();
        for (Delivery delivery : batch) {
            String id = delivery.message().id();
            if (id != null && (recent.contains(id) || !batchIds.add(id))) {
                duplicates++;
                continue;
            }
            fresh.add(delivery);
            lines.append(LogFrames.archiveLine(delivery.message(), now)).append('\n');
        }
        if (!fresh.isEmpty() && !append(ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)))) {
            // given up: everything not already archived goes to the dead-letter queue
            int rejected = 0;
            for (Delivery delivery : batch) {
                String id = delivery.message().id();
                if (id != null && recent.contains(id)) {
                    delivery.ack();
                } else {
                    rejected++;
                    delivery.reject();
                }
            }
            metrics.deadLettered(rejected);
            metrics.duplicates(batch.size() - rejected);
            return;
        }
        fresh.forEach(delivery -> {
            if (delivery.message().id() != null) {
                recent.add(delivery.message().id());
            }
        });
        metrics.archived(fresh.size());
        metrics.duplicates(duplicates);
        // the batch is a run of consecutive deliveries (earlier ones are settled): one ack settles it all
        batch.get(batch.size() - 1).ackUpTo();
    }

    /** Appends and fsyncs, with bounded retries; false when it gave up. */
    private boolean append(ByteBuffer lines) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                files.append(lines.duplicate());
                files.force();
                return true;
            } catch (IOException e) {
                files.rollback();
                if (attempt >= config.maxAttempts()) {
                    LOG.errorf("Could not write the archive after %d attempts (%s): its batch goes to the dead-letter queue",
                            attempt, e.getMessage());
                    return false;
                }
                metrics.archiveRetry();
                LOG.warnf("Archive write failed (%s), attempt %d of %d", e.getMessage(), attempt, config.maxAttempts());
                Thread.sleep(config.retryDelay().toMillis());
            }
        }
    }

    /**
     * At shutdown, once the consumer is paused and while the broker's connection is still open: writes and
     * acknowledges what has arrived, and what the consumer still hands over meanwhile, until nothing came for
     * {@code quiet}; then takes no more (those stay unacknowledged and come back after the restart) and stops
     * the thread. The acks are on their way when this returns; closing the connection sends them first.
     * Everything bounded by {@code limit}. Returns how many messages were still waiting at the end (0 normally).
     */
    public int drain(Duration quiet, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - deadline < 0
                && (writing || !queue.isEmpty() || System.nanoTime() - lastSubmitted < quiet.toNanos())) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        accepting = false;
        stopThread(deadline);
        return queue.size();
    }

    /** The last resort when the container goes away without a drain (the drain made this a no-op). */
    @PreDestroy
    void close() {
        accepting = false;
        stopThread(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    }

    private synchronized void stopThread(long deadline) {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                // still inside a write (a very slow disk): its batch stays unacknowledged and comes back
                LOG.warn("The archive writer did not finish in time; its last batch will be delivered again");
                return;
            }
            files.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warnf("Closing the archive: %s", e.getMessage());
        }
    }
}
