package io.rtc.fanout.broker.rabbit;

import java.io.IOException;
import java.util.Map;

import com.rabbitmq.client.Channel;

import io.rtc.fanout.broker.Topology;

/**
 * Declares the {@link Topology}, the only place that does: the durable fanout exchange, the dead-letter
 * exchange and queue, the archive's durable queue (dead-lettering there) and each named subscription's
 * durable queue, all bound to the exchange. Declaring what exists already with the same arguments is a
 * no-op, so this runs on every connection; a queue that exists with other arguments fails it loudly
 * (PRECONDITION_FAILED) rather than being used as it is.
 */
final class Declarations {

    private Declarations() {
    }

    static void declare(Channel channel, Topology topology) throws IOException {
        channel.exchangeDeclare(topology.exchange(), "fanout", true);
        channel.exchangeDeclare(topology.deadLetterExchange(), "direct", true);
        channel.queueDeclare(topology.deadLetterQueue(), true, false, false, null);
        channel.queueBind(topology.deadLetterQueue(), topology.deadLetterExchange(), topology.archiveQueue());
        channel.queueDeclare(topology.archiveQueue(), true, false, false, Map.of(
                "x-dead-letter-exchange", topology.deadLetterExchange(),
                "x-dead-letter-routing-key", topology.archiveQueue()));
        channel.queueBind(topology.archiveQueue(), topology.exchange(), "");
        for (String queue : topology.subscriptionQueues()) {
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, topology.exchange(), "");
        }
    }
}
