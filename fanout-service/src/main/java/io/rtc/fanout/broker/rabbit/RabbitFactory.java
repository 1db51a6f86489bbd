package io.rtc.fanout.broker.rabbit;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.nio.NioParams;

/** How fanout-service's connections to RabbitMQ are made. */
public final class RabbitFactory {

    /** Frames of one publish: method, header and body (a body up to the frame size, 128 KiB by default). */
    private static final int FRAMES_PER_PUBLISH = 3;

    private RabbitFactory() {
    }

    /**
     * NIO mode: a publish from an event loop only queues its frames for the client's I/O thread, which
     * writes many of them at once. The write queue holds every frame the publisher lets be in flight
     * ({@code maxInFlight}) and then some, so queueing never waits; if it ever filled up, a publish would
     * fail after {@code enqueueTimeout} rather than hold the event loop longer.
     */
    public static ConnectionFactory create(String host, int port, String username, String password,
            Duration heartbeat, int maxInFlight) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(2000);
        factory.setHandshakeTimeout(5000);
        factory.setRequestedHeartbeat((int) Math.max(1, heartbeat.toSeconds()));
        factory.setThreadFactory(named("rabbitmq-client"));
        factory.useNio();
        factory.setNioParams(new NioParams()
                .setNbIoThreads(1)
                .setWriteQueueCapacity(FRAMES_PER_PUBLISH * maxInFlight + 1024)
                .setWriteEnqueuingTimeoutInMs(100)
                .setThreadFactory(named("rabbitmq-nio")));
        return factory;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
