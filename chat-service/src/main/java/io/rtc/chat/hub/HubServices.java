package io.rtc.chat.hub;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.rtc.chat.backplane.Backplane;
import io.rtc.chat.backplane.InMemoryBackplane;
import io.rtc.chat.backplane.RedisBackplane;
import io.rtc.chat.backplane.RedisLink;
import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.history.History;
import io.rtc.chat.history.InMemoryHistory;
import io.rtc.chat.history.RedisHistory;
import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.chat.presence.InMemoryPresence;
import io.rtc.chat.presence.Presence;
import io.rtc.chat.presence.RedisPresence;
import io.rtc.chat.relay.InMemoryRelay;
import io.rtc.chat.relay.RedisRelay;
import io.rtc.chat.relay.Relay;
import io.rtc.chat.relay.RelaySettings;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Builds the hub on the configured backplane: everything in memory, or Redis for pub/sub, presence
 * and history. Redis gets five long-lived links (subscriber, publisher, commands, and the relay's
 * subscriber and publisher), each coming back by itself after an outage.
 */
@Startup
@Singleton
public class HubServices {

    private static final Logger LOG = Logger.getLogger(HubServices.class);

    private final String instanceId;
    private final ChatHub hub;
    private final HubInvoker invoker;
    private final Backplane backplane;
    private final Presence presence;
    private final Relay relay;
    private final List<RedisLink> links = new ArrayList<>();
    private final Vertx vertx;
    private final long heartbeatTimer;

    public HubServices(ChatConfig config, ChatMetrics metrics, Vertx vertx, HubEvents events,
            @ConfigProperty(name = "quarkus.redis.hosts", defaultValue = "redis://127.0.0.1:6379") String redisHosts) {
        this.vertx = vertx;
        this.instanceId = config.instanceId().orElseGet(() -> UUID.randomUUID().toString());
        History history;
        if (config.backplane() == ChatConfig.BackplaneKind.MEMORY) {
            backplane = new InMemoryBackplane(new InMemoryBackplane.Bus());
            presence = new InMemoryPresence(instanceId, config.tokenLifetime(), Clock.systemUTC());
            history = new InMemoryHistory(config.historySize());
            relay = new InMemoryRelay();
        } else {
            Redis client = Redis.createClient(vertx, new RedisOptions()
                    .setConnectionString(redisHosts.split(",")[0].trim())
                    .setMaxWaitingHandlers(1 << 16)
                    .setMaxPoolSize(6) // each link holds a pooled connection for good: five, and one to spare
                    .setMaxPoolWaiting(1 << 12)
                    .setPoolName("chat-hub"));
            RedisLink commands = link("commands", vertx, client, config).onConnect(connection -> rejoined());
            RedisBackplane redisBackplane = new RedisBackplane(instanceId, link("subscriber", vertx, client, config),
                    link("publisher", vertx, client, config));
            backplane = redisBackplane;
            presence = new RedisPresence(instanceId, commands, config.instanceTtl(), config.tokenLifetime(), Clock.systemUTC());
            history = new RedisHistory(commands, config.historySize());
            relay = new RedisRelay(instanceId, link("relay-subscriber", vertx, client, config),
                    link("relay-publisher", vertx, client, config), RelaySettings.from(config));
        }
        hub = new ChatHub(backplane, presence, history, HubLimits.from(config), metrics, events);
        invoker = new HubInvoker(hub);
        links.forEach(RedisLink::start);
        heartbeatTimer = vertx.setPeriodic(1, config.heartbeatInterval().toMillis(), id -> heartbeat());
        LOG.infof("chat hub instance %s on the %s backplane", instanceId, config.backplane().name().toLowerCase());
    }

    private RedisLink link(String name, Vertx vertx, Redis client, ChatConfig config) {
        RedisLink link = new RedisLink(name, vertx, client, config.reconnectMinDelay(), config.reconnectMaxDelay());
        links.add(link);
        return link;
    }

    /** Redis may have restarted empty: say this instance is alive and who is in its rooms again. */
    private void rejoined() {
        heartbeat();
        if (hub != null) {
            hub.reannounce().subscribe().with(ok -> {
            }, e -> LOG.warnf("could not restore presence after reconnecting: %s", e.getMessage()));
        }
    }

    private void heartbeat() {
        presence.heartbeat().subscribe().with(ok -> {
        }, e -> LOG.debugf("heartbeat: %s", e.getMessage()));
    }

    public ChatHub hub() {
        return hub;
    }

    public HubInvoker invoker() {
        return invoker;
    }

    public Presence presence() {
        return presence;
    }

    /** Carries the SSE and Long Polling requests of connections held by other instances. */
    public Relay relay() {
        return relay;
    }

    public String instanceId() {
        return instanceId;
    }

    /** True when every Redis link is connected (always, on the in-memory backplane). */
    public boolean brokerUp() {
        return links.stream().allMatch(RedisLink::up);
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(heartbeatTimer);
        try {
            presence.retire().await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.debugf("could not retire from presence: %s", e.getMessage());
        }
        links.forEach(RedisLink::close);
    }
}
