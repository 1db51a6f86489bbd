package io.rtc.chat.relay;

import java.util.HashSet;
import java.util.Set;

import io.rtc.chat.backplane.RedisLink;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;

/**
 * Which instance holds which connection: {@code chat:conn:<connectionId>} = instance id. Keys
 * expire after a day (longer than any connection lives), so a crashed instance's keys do not stay
 * forever; until then a forward finds nobody listening on its channel and answers 404. This
 * instance's own keys are written again whenever the link reconnects, as Redis may have restarted
 * empty. Used on the link's event loop only.
 */
final class ConnectionHolders {

    static final String PREFIX = "chat:conn:";
    private static final long TTL_SECONDS = 24 * 3600;
    /** Deletes the key only while it still names that instance: a stale holder is never wrong about another. */
    private static final String FORGET = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

    private final String instanceId;
    private final RedisLink link;
    private final Set<String> held = new HashSet<>();

    ConnectionHolders(String instanceId, RedisLink link) {
        this.instanceId = instanceId;
        this.link = link.onConnect(this::restore);
    }

    Future<Void> hold(String connectionId) {
        held.add(connectionId);
        return link.send(set(connectionId)).<Void>mapEmpty().onFailure(e -> held.remove(connectionId));
    }

    Future<Void> release(String connectionId) {
        held.remove(connectionId);
        return forget(connectionId, instanceId);
    }

    /** The holder's instance id, or null when nobody holds the connection. */
    Future<String> holder(String connectionId) {
        return link.send(Request.cmd(Command.GET).arg(PREFIX + connectionId)).map(r -> r == null ? null : r.toString());
    }

    /** Deletes the key if it still names {@code holder} (one found gone). */
    Future<Void> forget(String connectionId, String holder) {
        return link.send(Request.cmd(Command.EVAL).arg(FORGET).arg(1).arg(PREFIX + connectionId).arg(holder)).mapEmpty();
    }

    private Request set(String connectionId) {
        return Request.cmd(Command.SET).arg(PREFIX + connectionId).arg(instanceId).arg("EX").arg(TTL_SECONDS);
    }

    private void restore(RedisConnection connection) {
        held.forEach(connectionId -> connection.send(set(connectionId)));
    }
}
