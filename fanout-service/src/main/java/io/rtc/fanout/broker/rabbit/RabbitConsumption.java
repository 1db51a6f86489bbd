package io.rtc.fanout.broker.rabbit;

import java.io.IOException;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import io.rtc.fanout.broker.Broker.Deliveries;
import io.rtc.fanout.broker.Consumption;
import io.rtc.fanout.broker.Delivery;
import io.rtc.fanout.broker.Topology;

/**
 * One consumer, started again on each new connection. A delivery's tag carries the connection's generation
 * beside the broker's delivery tag: an ack for a delivery of an earlier connection is dropped, since the
 * broker already took that message back and delivers it again (acking its old number on the new channel
 * would settle some other message).
 */
final class RabbitConsumption implements Consumption {

    private static final Logger LOG = Logger.getLogger(RabbitConsumption.class);
    private static final int TAG_BITS = 40;
    private static final long TAG_MASK = (1L << TAG_BITS) - 1;

    /** The durable queue, or null for a server-named queue of this connection's own bound to the exchange. */
    private final String queue;
    private final int prefetch;
    private final Deliveries deliveries;
    private volatile Channel channel;
    private volatile long generation;
    private volatile String consumerTag;
    private volatile boolean paused;

    RabbitConsumption(String queue, int prefetch, Deliveries deliveries) {
        this.queue = queue;
        this.prefetch = prefetch;
        this.deliveries = deliveries;
    }

    /** On a new connection (generation counts them): a channel of its own, its prefetch, and the consumer. */
    void start(Connection connection, long generation, Topology topology) throws IOException {
        if (paused || generation == this.generation) {
            return; // stopped, or started on this connection already
        }
        Channel fresh = connection.createChannel();
        RabbitSession.reconnectOnChannelError(connection, fresh);
        fresh.basicQos(prefetch);
        String name = queue;
        if (name == null) {
            name = fresh.queueDeclare("", false, true, true, null).getQueue();
            fresh.queueBind(name, topology.exchange(), "");
        }
        this.generation = generation;
        this.channel = fresh;
        consumerTag = fresh.basicConsume(name, false, new DefaultConsumer(fresh) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                if (paused) {
                    return; // stays unacknowledged: back to the queue when the connection closes
                }
                try {
                    deliveries.deliver(new Delivery(AmqpMessages.message(properties, body),
                            generation << TAG_BITS | envelope.getDeliveryTag(), RabbitConsumption.this));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "A delivery of %s failed; it stays unacknowledged", queue == null ? "the tail queue" : queue);
                }
            }
        });
    }

    @Override
    public void ack(long tag, boolean multiple) {
        settle(tag, "Ack", (channel, deliveryTag) -> channel.basicAck(deliveryTag, multiple));
    }

    @Override
    public void reject(long tag) {
        settle(tag, "Reject", (channel, deliveryTag) -> channel.basicReject(deliveryTag, false));
    }

    private interface Settlement {
        void send(Channel channel, long deliveryTag) throws IOException;
    }

    private void settle(long tag, String what, Settlement settlement) {
        Channel current = channel;
        if (current == null || tag >>> TAG_BITS != generation) {
            return;
        }
        try {
            settlement.send(current, tag & TAG_MASK);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("%s not sent (%s): the broker delivers the message again", what, e.getMessage());
        }
    }

    @Override
    public void pause() {
        paused = true;
        Channel current = channel;
        if (current != null && current.isOpen()) {
            try {
                // the broker stops sending; the channel stays open for the acks still to come
                current.basicCancel(consumerTag);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("Cancel not sent (%s)", e.getMessage());
            }
        }
    }
}
