package io.rtc.fanout.shutdown;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.rtc.fanout.archive.ArchiveConsumer;
import io.rtc.fanout.archive.ArchiveWriter;
import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.publish.LogPublisher;
import io.rtc.fanout.tail.TailFeed;
import io.rtc.fanout.tail.TailHub;

/**
 * The order of a SIGTERM, so that every publish is answered and nothing taken from RabbitMQ is lost:
 * <ol>
 * <li>Shutdown delay ({@code quarkus.shutdown.delay}): readiness is DOWN (Quarkus), new publishes and new
 * live-tail clients get 503 (with {@code Retry-After}: the client's retry finds another instance) and the
 * live-tail clients a close 1001. Publishes already waiting for their confirm go on.</li>
 * <li>Quarkus waits for the HTTP requests in flight ({@code quarkus.shutdown.timeout}, 10 s); a publish takes at
 * most {@code fanout.publish.confirm-timeout} (5 s). Then the HTTP server closes. A publish refused at once
 * keeps the count of requests in flight near zero under load, so this wait ends within milliseconds.</li>
 * <li>{@link ShutdownEvent}, before the broker's connections close (they close when the application scope
 * is destroyed, later): any publish still in flight is answered; both consumers are paused; the archive
 * writes and acknowledges what it holds and waits for the acks. What the broker had
 * already pushed beyond that stays unacknowledged and goes back to {@code logs.archive} when the connection
 * closes, for the next start (or another instance) to archive; ids already written are skipped then.</li>
 * </ol>
 * Nothing reaches a consumer method after this, so nothing runs against a container that is going away.
 */
@Singleton
public class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class);
    /** The archive is drained once nothing new reached it for this long after the pause. */
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final Duration ARCHIVE_LIMIT = Duration.ofSeconds(5);

    private final TailHub tail;
    private final LogPublisher publisher;
    private final TailFeed feed;
    private final ArchiveConsumer consumer;
    private final ArchiveWriter archive;
    private final Duration publishLimit;

    public GracefulStop(TailHub tail, TailFeed feed, LogPublisher publisher, ArchiveConsumer consumer, ArchiveWriter archive,
            FanoutConfig config) {
        this.tail = tail;
        this.feed = feed;
        this.publisher = publisher;
        this.consumer = consumer;
        this.archive = archive;
        this.publishLimit = config.publish().confirmTimeout().plusSeconds(1);
    }

    /** The delay starts: the HTTP server still runs, so the 503s and the close frames reach the clients. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        publisher.refuseNew();
        closeTail();
    }

    /** First of the shutdown observers: the broker's connections are still open. */
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        stop();
    }

    /** The whole stop after the delay; what the shutdown event runs (a test calls it itself). */
    public void stop() {
        long start = System.nanoTime();
        closeTail(); // no shutdown delay: nobody did it yet
        int unanswered = publisher.stop(publishLimit);
        feed.pause();
        consumer.pause();
        int left = archive.drain(QUIET, ARCHIVE_LIMIT);
        LOG.infof("Stopped taking work in %d ms: publishes all answered%s; archive written and acknowledged%s",
                Duration.ofNanos(System.nanoTime() - start).toMillis(),
                unanswered == 0 ? "" : " but " + unanswered + " (still waiting for RabbitMQ: their clients get no answer and retry)",
                left == 0 ? "" : " but " + left + " message(s) (they stay in RabbitMQ and are archived after the restart)");
    }

    private void closeTail() {
        int closed = tail.closeAll();
        if (closed > 0) {
            LOG.infof("Closed %d live-tail client(s) with 1001 (going away)", closed);
        }
    }
}
