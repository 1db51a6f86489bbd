package io.rtc.chat.support;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Looks at Redis from the side, as an operator would with redis-cli: for assertions on what the
 * code under test left in Redis. Blocking, so it is called from the test thread only.
 */
public final class RedisProbe implements AutoCloseable {

    private final Redis client;

    public RedisProbe(Vertx vertx, String url) {
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url));
    }

    /** The shared Redis of the normal tests: QUARKUS_REDIS_HOSTS (its first host) or 127.0.0.1:6379. */
    public static String sharedUrl() {
        String hosts = System.getenv("QUARKUS_REDIS_HOSTS");
        return hosts == null || hosts.isBlank() ? "redis://127.0.0.1:6379" : hosts.split(",")[0].trim();
    }

    public Response send(Command command, Object... args) {
        Request request = Request.cmd(command);
        for (Object arg : args) {
            request.arg(arg.toString());
        }
        try {
            return client.send(request).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(command + " failed", e);
        }
    }

    public long number(Command command, Object... args) {
        return send(command, args).toLong();
    }

    /** A server setting (CONFIG GET), whether the reply comes as a RESP3 map or a RESP2 list. */
    public String config(String name) {
        Response reply = send(Command.CONFIG, "GET", name);
        return reply.containsKey(name) ? reply.get(name).toString() : reply.get(1).toString();
    }

    /** How many connections are subscribed to the channel (PUBSUB NUMSUB). */
    public long subscribers(String channel) {
        return send(Command.PUBSUB, "NUMSUB", channel).get(1).toLong();
    }

    @Override
    public void close() {
        client.close();
    }
}
