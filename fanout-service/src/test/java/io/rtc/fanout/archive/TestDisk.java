package io.rtc.fanout.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.metrics.FanoutMetrics;

/**
 * The archive's real files on a disk a test controls. Held, the writer waits inside its next write, so
 * whatever arrives meanwhile is queued for the next batch (batching without racing the writer); failing, the
 * fsync throws after the lines went out, as a full or broken disk does, so the writer's rollback is exercised
 * too. Public, for the shutdown test: ArchiveWriter's constructor with files is package-private.
 */
public final class TestDisk extends ArchiveFiles {

    private volatile CountDownLatch gate;
    private volatile boolean waiting;
    private volatile boolean failAlways;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger forces = new AtomicInteger();

    public TestDisk(FanoutConfig config) {
        super(config.archive().dir(), config.archive().maxFileSize());
    }

    /** A writer (its thread started) on this disk. */
    public ArchiveWriter writer(FanoutConfig config, FanoutMetrics metrics) {
        return new ArchiveWriter(config.archive(), metrics, this);
    }

    /** From now on, writes wait inside until {@link #release}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** Whether the writer is waiting inside a write now. */
    public boolean holding() {
        return waiting;
    }

    public void failNext(int fsyncs) {
        failuresLeft.set(fsyncs);
    }

    public void failAlways() {
        failAlways = true;
    }

    /** The fsyncs that succeeded. */
    public int forces() {
        return forces.get();
    }

    @Override
    void append(ByteBuffer lines) throws IOException {
        CountDownLatch held = gate;
        if (held != null) {
            waiting = true;
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while held");
            } finally {
                waiting = false;
            }
        }
        super.append(lines);
    }

    @Override
    void force() throws IOException {
        if (failAlways || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("test disk: fsync failed");
        }
        super.force();
        forces.incrementAndGet();
    }
}
