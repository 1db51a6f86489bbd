package io.rtc.fanout.broker.rabbit;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownListener;

import io.rtc.fanout.broker.Broker;
import io.rtc.fanout.broker.BrokerState;
import io.rtc.fanout.broker.BrokerUnavailableException;
import io.rtc.fanout.broker.Consumption;
import io.rtc.fanout.broker.QueueStats;
import io.rtc.fanout.broker.Topology;
import io.rtc.fanout.message.LogMessage;

/**
 * The broker on RabbitMQ, with the official Java client and nothing between: publishes go straight from the
 * caller's thread into a confirm-mode channel, confirms come back on the client's I/O thread. Connecting (at
 * start, and after a lost connection, every {@code reconnect} for as long as it takes) runs on a thread of its
 * own; the client's own automatic recovery is off, because a recovered channel restarts its sequence and
 * delivery numbers under publishes and deliveries still waiting for the old ones.
 */
public final class RabbitBroker implements Broker {

    private static final Logger LOG = Logger.getLogger(RabbitBroker.class);

    private final ConnectionFactory factory;
    private final Topology topology;
    private final int publishChannels;
    private final Duration reconnect;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rabbitmq-connect");
        thread.setDaemon(true);
        return thread;
    });
    private final List<RabbitConsumption> consumptions = new CopyOnWriteArrayList<>();
    private volatile RabbitSession session;
    private volatile String blockedReason;
    private long generation;
    private boolean warned;

    public RabbitBroker(ConnectionFactory factory, Topology topology, int publishChannels, Duration reconnect) {
        this.factory = factory;
        this.topology = topology;
        this.publishChannels = publishChannels;
        this.reconnect = reconnect;
    }

    public void start() {
        connector.execute(this::connect);
    }

    /** On the connector thread only. */
    private void connect() {
        RabbitSession fresh;
        try {
            fresh = RabbitSession.open(factory, topology, publishChannels);
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (!warned) {
                // e.g. refused, or a queue that exists with other arguments (PRECONDITION_FAILED)
                LOG.warnf("RabbitMQ at %s:%d not usable yet (%s); trying again every %s",
                        factory.getHost(), factory.getPort(), e.getMessage(), reconnect);
                warned = true;
            }
            connector.schedule(this::connect, reconnect.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        long current = ++generation;
        fresh.publishing().addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                blockedReason = reason == null ? "alarm" : reason;
                LOG.warnf("RabbitMQ blocks publishing (%s): publishes are refused until it lifts", blockedReason);
                fresh.failUnconfirmed("RabbitMQ blocks publishing: " + blockedReason);
            }

            @Override
            public void handleUnblocked() {
                blockedReason = null;
                LOG.info("RabbitMQ publishes again");
            }
        });
        ShutdownListener lost = cause -> {
            try {
                connector.execute(() -> lost(fresh, cause.getMessage()));
            } catch (RejectedExecutionException closing) {
                // this service is stopping: nothing to make again
            }
        };
        fresh.publishing().addShutdownListener(lost);
        fresh.consuming().addShutdownListener(lost);
        blockedReason = null;
        session = fresh;
        warned = false;
        consumptions.forEach(consumption -> startOn(consumption, fresh, current));
        LOG.infof("Connected to RabbitMQ at %s:%d", factory.getHost(), factory.getPort());
    }

    private void startOn(RabbitConsumption consumption, RabbitSession on, long current) {
        try {
            consumption.start(on.consuming(), current, topology);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Could not start a consumer (%s): reconnecting", e.getMessage());
            on.close(1000); // its shutdown listener makes a new session
        }
    }

    /** On the connector thread only; once per session, whichever of its connections went first. */
    private void lost(RabbitSession dead, String cause) {
        if (session != dead || connector.isShutdown()) {
            return;
        }
        session = null;
        dead.failUnconfirmed("The connection to RabbitMQ was lost");
        dead.close(1000);
        LOG.warnf("Lost the connection to RabbitMQ (%s); reconnecting every %s", cause, reconnect);
        connector.schedule(this::connect, reconnect.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<Void> publish(LogMessage message) {
        RabbitSession current = session;
        if (current == null) {
            return CompletableFuture.failedFuture(new BrokerUnavailableException("RabbitMQ is not reachable"));
        }
        String blocked = blockedReason;
        if (blocked != null) {
            return CompletableFuture.failedFuture(new BrokerUnavailableException("RabbitMQ blocks publishing: " + blocked));
        }
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        current.publish(message, confirmed);
        return confirmed;
    }

    @Override
    public Consumption consume(String queue, int prefetch, Deliveries deliveries) {
        if (!topology.boundQueues().contains(queue) && !topology.deadLetterQueue().equals(queue)) {
            throw new IllegalArgumentException("Not a queue of the topology: " + queue);
        }
        return register(new RabbitConsumption(queue, prefetch, deliveries));
    }

    @Override
    public Consumption consumeOwnQueue(int prefetch, Deliveries deliveries) {
        return register(new RabbitConsumption(null, prefetch, deliveries));
    }

    private Consumption register(RabbitConsumption consumption) {
        consumptions.add(consumption);
        connector.execute(() -> {
            RabbitSession current = session;
            if (current != null) {
                startOn(consumption, current, generation);
            }
        });
        return consumption;
    }

    @Override
    public BrokerState state() {
        return session == null ? BrokerState.DOWN : blockedReason != null ? BrokerState.BLOCKED : BrokerState.UP;
    }

    @Override
    public String blockedReason() {
        return blockedReason;
    }

    @Override
    public QueueStats stats(String queue) throws IOException {
        RabbitSession current = session;
        if (current == null) {
            throw new IOException("RabbitMQ is not reachable");
        }
        return current.stats(queue);
    }

    /** Closes both connections; deliveries not acknowledged go back to their queues. */
    public void close() {
        connector.shutdownNow();
        RabbitSession current = session;
        session = null;
        if (current != null) {
            current.close(2000);
        }
    }
}
