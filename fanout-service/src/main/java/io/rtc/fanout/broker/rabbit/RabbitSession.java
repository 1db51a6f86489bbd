package io.rtc.fanout.broker.rabbit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.rtc.fanout.broker.QueueStats;
import io.rtc.fanout.broker.Topology;
import io.rtc.fanout.message.LogMessage;

/**
 * One life of the link to RabbitMQ: two connections, so that a memory or disk alarm, which blocks only
 * connections that publish, never stops the consumers (the archive keeps draining its queue during an
 * alarm). The consuming one also declares the topology and answers the admin's questions. When either
 * connection drops the session is over; {@link RabbitBroker} makes a new one.
 */
final class RabbitSession {

    private final Connection publishing;
    private final Connection consuming;
    private final List<PublishChannel> channels;
    private final AtomicInteger turn = new AtomicInteger();

    private RabbitSession(Connection publishing, Connection consuming, List<PublishChannel> channels) {
        this.publishing = publishing;
        this.consuming = consuming;
        this.channels = channels;
    }

    /** Connects, declares the topology and opens the publish channels; on any failure nothing stays open. */
    static RabbitSession open(ConnectionFactory factory, Topology topology, int publishChannels)
            throws IOException, TimeoutException {
        Connection consuming = factory.newConnection("fanout-service-consume");
        Connection publishing = null;
        try {
            try (Channel channel = consuming.createChannel()) {
                Declarations.declare(channel, topology);
            }
            publishing = factory.newConnection("fanout-service-publish");
            List<PublishChannel> channels = new ArrayList<>(publishChannels);
            for (int i = 0; i < publishChannels; i++) {
                channels.add(new PublishChannel(publishing, topology.exchange()));
            }
            return new RabbitSession(publishing, consuming, List.copyOf(channels));
        } catch (IOException | TimeoutException | RuntimeException e) {
            closeQuietly(publishing);
            closeQuietly(consuming);
            throw e;
        }
    }

    /**
     * A channel the broker closed (say the exchange or a queue was deleted under it) would stay dead while its
     * connection lives on: its publishes or deliveries would fail for good. Its connection is closed instead,
     * so the service connects again and declares the topology anew.
     */
    static void reconnectOnChannelError(Connection connection, Channel channel) {
        channel.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication() && !cause.isHardError()) {
                // not on the client's I/O thread, which has to read the broker's close-ok meanwhile
                CompletableFuture.runAsync(() -> connection.abort(1000));
            }
        });
    }

    Connection publishing() {
        return publishing;
    }

    Connection consuming() {
        return consuming;
    }

    void publish(LogMessage message, CompletableFuture<Void> confirmed) {
        channels.get(Math.floorMod(turn.getAndIncrement(), channels.size())).publish(message, confirmed);
    }

    void failUnconfirmed(String reason) {
        channels.forEach(channel -> channel.failUnconfirmed(reason));
    }

    /** A passive declare; one channel per question, since a missing queue closes the channel that asked. */
    QueueStats stats(String queue) throws IOException {
        Channel channel = consuming.createChannel();
        try {
            var ok = channel.queueDeclarePassive(queue);
            return new QueueStats(queue, ok.getMessageCount(), ok.getConsumerCount());
        } catch (IOException e) {
            return null;
        } finally {
            if (channel.isOpen()) {
                try {
                    channel.close();
                } catch (IOException | TimeoutException | RuntimeException ignored) {
                    // closing already
                }
            }
        }
    }

    void close(int timeoutMillis) {
        closeQuietly(publishing, timeoutMillis);
        closeQuietly(consuming, timeoutMillis);
    }

    private static void closeQuietly(Connection connection) {
        closeQuietly(connection, 1000);
    }

    private static void closeQuietly(Connection connection, int timeoutMillis) {
        if (connection != null && connection.isOpen()) {
            try {
                connection.close(timeoutMillis);
            } catch (IOException | RuntimeException ignored) {
                // the broker is gone already
            }
        }
    }
}
