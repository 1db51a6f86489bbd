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

import io.rtc.fanout.broker.BrokerLink;
import io.rtc.fanout.broker.QueueStats;
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

    private final BrokerLink broker;

    public SubscriptionsResource(BrokerLink broker) {
        this.broker = broker;
    }

    @GET
    @Blocking
    public Response list() {
        Map<String, String> queues = new LinkedHashMap<>();
        queues.put("archive", BrokerLink.ARCHIVE_QUEUE);
        for (String queue : broker.subscriptionQueues()) {
            queues.put(queue.substring(queue.indexOf('.') + 1), queue);
        }
        List<Subscription> subscriptions = new ArrayList<>();
        try {
            for (Map.Entry<String, String> entry : queues.entrySet()) {
                QueueStats stats = broker.stats(entry.getValue());
                subscriptions.add(stats == null ? new Subscription(entry.getKey(), entry.getValue(), false, 0, 0)
                        : new Subscription(entry.getKey(), entry.getValue(), true, stats.messages(), stats.consumers()));
            }
            QueueStats dlq = broker.stats(BrokerLink.ARCHIVE_DLQ);
            return Response.ok(new Subscriptions(subscriptions, dlq == null ? 0 : dlq.messages())).build();
        } catch (IOException e) {
            return LogsResource.error(503, e.getMessage()).build();
        }
    }
}
