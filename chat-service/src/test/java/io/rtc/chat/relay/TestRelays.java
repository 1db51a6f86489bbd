package io.rtc.chat.relay;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.rtc.chat.backplane.RedisLink;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Builds RedisRelays as separate instances would have them (own client, own links with
 * ChatConfig's default reconnect delays), with instance and connection ids of this test run only,
 * and stops them all at the end.
 */
final class TestRelays implements AutoCloseable {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Vertx vertx;
    private final List<RedisRelay> relays = new ArrayList<>();
    private final List<Redis> clients = new ArrayList<>();
    private final List<String> connections = new ArrayList<>();

    TestRelays(Vertx vertx) {
        this.vertx = vertx;
    }

    /** A started relay on Redis at {@code url}; {@code handler} may be null (the relay's default: 404). */
    RedisRelay relay(String name, Function<RelayRequest, Uni<RelayReply>> handler, RelaySettings settings, String url) {
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(4));
        clients.add(client);
        String id = instance(name);
        RedisRelay relay = new RedisRelay(id, link(id + "-sub", client), link(id + "-pub", client), settings);
        if (handler != null) {
            relay.handler(handler);
        }
        relays.add(relay);
        relay.start();
        return relay;
    }

    /** The same, once it is subscribed (requests forwarded to it arrive). */
    RedisRelay ready(String name, Function<RelayRequest, Uni<RelayReply>> handler, RelaySettings settings, String url) {
        RedisRelay relay = relay(name, handler, settings, url);
        await().atMost(Duration.ofSeconds(5)).until(relay::ready);
        return relay;
    }

    String instance(String name) {
        return "relay-test-" + run + "-" + name;
    }

    String connection(String name) {
        String connection = "relay-test-" + run + "-conn-" + name;
        connections.add(connection);
        return connection;
    }

    /** The holder keys of every connection handed out, to delete from the shared Redis afterwards (they would stay a day). */
    Object[] holderKeys() {
        return connections.stream().map(connection -> ConnectionHolders.PREFIX + connection).toArray();
    }

    @Override
    public void close() {
        relays.forEach(RedisRelay::stop);
        clients.forEach(Redis::close);
    }

    private RedisLink link(String name, Redis client) {
        return new RedisLink(name, vertx, client, Duration.ofMillis(100), Duration.ofSeconds(1));
    }
}
