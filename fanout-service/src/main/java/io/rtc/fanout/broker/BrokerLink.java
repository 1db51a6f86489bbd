package io.rtc.fanout.broker;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.runtime.StartupEvent;
import io.rtc.fanout.config.FanoutConfig;

/**
 * The service's own AMQP connection, beside the connector's: it declares the exchange and the
 * named subscriptions, reads queue depths for the admin API and tells readiness whether the broker
 * is reachable. The Java client's automatic recovery brings it back, with its declarations, after an
 * outage. Its calls block, so they run off the event loop.
 */
@Singleton
public class BrokerLink {

    private static final Logger LOG = Logger.getLogger(BrokerLink.class);

    /** Names the connector's channel {@code logs-archive} uses too (application.properties). */
    public static final String ARCHIVE_QUEUE = "logs.archive";
    public static final String ARCHIVE_DLQ = "logs.archive.dlq";
    public static final String DEAD_LETTER_EXCHANGE = "logs.dlx";

    private final ConnectionFactory factory = new ConnectionFactory();
    private final FanoutConfig config;
    private final ScheduledExecutorService connector = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "broker-link"));
    private volatile Connection connection;

    public BrokerLink(FanoutConfig config,
            @ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password) {
        this.config = config;
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        factory.setConnectionTimeout(2000);
        factory.setRequestedHeartbeat(10);
    }

    void start(@Observes StartupEvent event) {
        connector.execute(this::connect);
    }

    /** First connection, retried each second: the service starts even while the broker is away. */
    private void connect() {
        try {
            Connection fresh = factory.newConnection("fanout-service-admin");
            declare(fresh);
            connection = fresh;
            LOG.infof("Connected to RabbitMQ at %s:%d", factory.getHost(), factory.getPort());
        } catch (java.net.ConnectException e) {
            LOG.debugf("RabbitMQ not reachable yet: %s", e.getMessage());
            connector.schedule(this::connect, 1, TimeUnit.SECONDS);
        } catch (Exception e) {
            // e.g. a queue that exists with other arguments (PRECONDITION_FAILED): say so loudly
            LOG.errorf("RabbitMQ set-up failed, retrying in 1 s: %s", e.getMessage());
            connector.schedule(this::connect, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * The exchange, the archive's queue with its dead-letter queue, and each named subscription's
     * durable queue; recovery repeats them after an outage. The archive's queue is declared here,
     * with the same arguments as the connector gives it, because its consumer declares it only
     * asynchronously: a message confirmed before then would reach no durable queue. The service is
     * not ready (and refuses publishes) until this has succeeded.
     */
    private void declare(Connection fresh) throws IOException {
        try (Channel channel = fresh.createChannel()) {
            channel.exchangeDeclare(config.exchange(), "fanout", true);
            channel.exchangeDeclare(DEAD_LETTER_EXCHANGE, "direct", true);
            channel.queueDeclare(ARCHIVE_DLQ, true, false, false, null);
            channel.queueBind(ARCHIVE_DLQ, DEAD_LETTER_EXCHANGE, ARCHIVE_QUEUE);
            channel.queueDeclare(ARCHIVE_QUEUE, true, false, false, Map.of(
                    "x-dead-letter-exchange", DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key", ARCHIVE_QUEUE));
            channel.queueBind(ARCHIVE_QUEUE, config.exchange(), "");
            for (String queue : subscriptionQueues()) {
                channel.queueDeclare(queue, true, false, false, null);
                channel.queueBind(queue, config.exchange(), "");
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }

    public List<String> subscriptionQueues() {
        return config.subscriptions().orElse(List.of()).stream()
                .map(String::trim).filter(name -> !name.isEmpty())
                .map(name -> config.exchange() + "." + name).toList();
    }

    /** True while the connection is open (false before the first connect and during recovery). */
    public boolean isUp() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    /** A queue's depth and consumers, or null when it does not exist. Blocking. */
    public QueueStats stats(String queue) throws IOException {
        Connection current = connection;
        if (current == null || !current.isOpen()) {
            throw new IOException("RabbitMQ is not reachable");
        }
        // a passive declare of a missing queue closes its channel: one channel per question
        Channel channel = current.createChannel();
        try {
            var ok = channel.queueDeclarePassive(queue);
            return new QueueStats(queue, ok.getMessageCount(), ok.getConsumerCount());
        } catch (IOException e) {
            return null;
        } finally {
            if (channel.isOpen()) {
                try {
                    channel.close();
                } catch (Exception ignored) {
                    // already closing
                }
            }
        }
    }

    @PreDestroy
    void close() {
        connector.shutdownNow();
        Connection current = connection;
        if (current != null) {
            try {
                current.close(2000);
            } catch (Exception ignored) {
                // the broker may be gone already
            }
        }
    }
}
