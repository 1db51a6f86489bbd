package io.rtc.fanout.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.rtc.fanout.broker.Broker;
import io.rtc.fanout.broker.QueueStats;
import io.rtc.fanout.broker.Topology;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /api/subscriptions} (admin): every durable subscription of the exchange, the archive
 * first, with its queue's depth and consumers as the broker reports them now, and the archive's
 * dead-letter queue.
 */
@Path(SubscriptionsResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionsResource {

    static final String PATH = "/api/subscriptions";

    private final Broker broker;
    private final Topology topology;

    public SubscriptionsResource(Broker broker, Topology topology) {
        this.broker = broker;
        this.topology = topology;
    }

    @GET
    @Blocking
    public Response list() {
        Map<String, String> queues = new LinkedHashMap<>();
        queues.put("archive", topology.archiveQueue());
        for (String queue : topology.subscriptionQueues()) {
            queues.put(queue.substring(queue.indexOf('.') + 1), queue);
        }
        List<Subscription> subscriptions = new ArrayList<>();
        try {
            for (Map.Entry<String, String> entry : queues.entrySet()) {
                QueueStats stats = broker.stats(entry.getValue());
                subscriptions.add(stats == null ? new Subscription(entry.getKey(), entry.getValue(), false, 0, 0)
                        : new Subscription(entry.getKey(), entry.getValue(), true, stats.messages(), stats.consumers()));
            }
            QueueStats dlq = broker.stats(topology.deadLetterQueue());
            return Response.ok(new Subscriptions(subscriptions, dlq == null ? 0 : dlq.messages())).build();
        } catch (IOException e) {
            return LogsResource.error(503, e.getMessage()).build();
        }
    }
}
