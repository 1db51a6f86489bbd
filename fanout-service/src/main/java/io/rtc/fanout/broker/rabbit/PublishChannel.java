package io.rtc.fanout.broker.rabbit;

import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;

import io.rtc.fanout.broker.BrokerUnavailableException;
import io.rtc.fanout.message.LogMessage;

/**
 * One channel in confirm mode. Each publish is remembered under its sequence number until the broker's
 * confirm settles it; one confirm with {@code multiple} settles every earlier one too, so under load a
 * single frame from the broker answers many publishes. The write itself only queues frames for the
 * client's I/O thread (NIO mode), so publishing never waits for the socket.
 */
final class PublishChannel implements ConfirmListener {

    private final Channel channel;
    private final String exchange;
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> unconfirmed = new ConcurrentSkipListMap<>();

    PublishChannel(Connection connection, String exchange) throws IOException {
        this.channel = connection.createChannel();
        this.exchange = exchange;
        channel.confirmSelect();
        channel.addConfirmListener(this);
        RabbitSession.reconnectOnChannelError(connection, channel);
    }

    void publish(LogMessage message, CompletableFuture<Void> confirmed) {
        // the sequence number and the write must not interleave with another publish of this channel
        synchronized (this) {
            long sequence = channel.getNextPublishSeqNo();
            unconfirmed.put(sequence, confirmed);
            try {
                channel.basicPublish(exchange, "", false, AmqpMessages.properties(message), message.body());
            } catch (IOException | ShutdownSignalException e) {
                unconfirmed.remove(sequence);
                confirmed.completeExceptionally(new BrokerUnavailableException("RabbitMQ is not reachable: " + e.getMessage()));
            }
        }
    }

    @Override
    public void handleAck(long sequence, boolean multiple) {
        settle(sequence, multiple, null);
    }

    @Override
    public void handleNack(long sequence, boolean multiple) {
        settle(sequence, multiple, new BrokerUnavailableException("RabbitMQ refused the message"));
    }

    private void settle(long sequence, boolean multiple, RuntimeException failure) {
        if (!multiple) {
            complete(unconfirmed.remove(sequence), failure);
            return;
        }
        completeAll(unconfirmed.headMap(sequence, true), failure);
    }

    private static void completeAll(ConcurrentNavigableMap<Long, CompletableFuture<Void>> publishes, RuntimeException failure) {
        for (Iterator<CompletableFuture<Void>> it = publishes.values().iterator(); it.hasNext();) {
            complete(it.next(), failure);
            it.remove();
        }
    }

    private static void complete(CompletableFuture<Void> confirmed, RuntimeException failure) {
        if (confirmed == null) {
            return; // failed already (the publishing was blocked meanwhile)
        }
        if (failure == null) {
            confirmed.complete(null);
        } else {
            confirmed.completeExceptionally(failure);
        }
    }

    /** Fails every publish still waiting: the connection is gone, or the broker blocked it and they may never come. */
    void failUnconfirmed(String reason) {
        completeAll(unconfirmed, new BrokerUnavailableException(reason));
    }
}
