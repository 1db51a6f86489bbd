package io.rtc.chat.presence;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.rtc.chat.backplane.RedisLink;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Presence in Redis, shared by all instances. Each room is a hash {@code chat:members:<room>} of
 * connection id → {@code <instance>|<joinedAt>}; room names are in the set {@code chat:rooms};
 * each instance's last heartbeat is its score in {@code chat:instances}. A member counts only
 * while its instance's heartbeat is recent, so the members of a crashed instance drop out without
 * anyone removing them; readers then delete them. A signed-in member's value also carries its user id and
 * display name ({@code <instance>|<joinedAt>|<userId>|<name>}, both URL-encoded). Each signed-in user's
 * connections are a hash {@code chat:user:<userId>} of connection id → instance, counted the same way.
 */
public final class RedisPresence implements Presence {

    private static final String ROOMS = "chat:rooms";
    private static final String INSTANCES = "chat:instances";
    private static final String MEMBERS = "chat:members:";
    private static final String CLAIM = "chat:connection:";
    private static final String USER = "chat:user:";
    /**
     * Counts the user's connections on live instances (deleting those of dead ones) and adds this one unless
     * the user has ARGV[3] already (0: no limit). Atomic, so two instances cannot both admit the last one.
     */
    private static final String CONNECT_USER = """
            local entries = redis.call('HGETALL', KEYS[1])
            local count = 0
            for i = 1, #entries, 2 do
              local instance = entries[i + 1]
              local beat = redis.call('ZSCORE', KEYS[2], instance)
              if entries[i] ~= ARGV[1] then
                if instance == ARGV[2] or (beat and tonumber(beat) >= tonumber(ARGV[4])) then
                  count = count + 1
                else
                  redis.call('HDEL', KEYS[1], entries[i])
                end
              end
            end
            if tonumber(ARGV[3]) > 0 and count >= tonumber(ARGV[3]) then
              return 0
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;
    /** Drops a room name once its hash is empty, atomically, so a concurrent join is never lost. */
    private static final String FORGET_IF_EMPTY =
            "if redis.call('HLEN', KEYS[1]) == 0 then return redis.call('SREM', KEYS[2], ARGV[1]) end return 0";

    private final String instanceId;
    private final RedisLink redis;
    private final Duration instanceTtl;
    private final long claimSeconds;
    private final Clock clock;

    public RedisPresence(String instanceId, RedisLink redis, Duration instanceTtl, Duration tokenLifetime, Clock clock) {
        this.instanceId = instanceId;
        this.redis = redis;
        this.instanceTtl = instanceTtl;
        this.claimSeconds = Math.max(1, tokenLifetime.toSeconds());
        this.clock = clock;
    }

    @Override
    public Uni<Void> join(String room, String connectionId, String userId, String name) {
        String value = instanceId + "|" + clock.instant() + (userId == null ? "" : "|" + encode(userId) + "|" + encode(name));
        // The member first, then the room name (both on one link, so in this order): a concurrent
        // last leave that empties the hash in between removes the name, and this SADD restores it.
        redis.send(Request.cmd(Command.HSET).arg(MEMBERS + room).arg(connectionId).arg(value));
        return uni(redis.send(Request.cmd(Command.SADD).arg(ROOMS).arg(room)).mapEmpty());
    }

    @Override
    public Uni<Void> leave(String room, String connectionId) {
        return uni(redis.send(Request.cmd(Command.HDEL).arg(MEMBERS + room).arg(connectionId))
                .compose(removed -> forgetIfEmpty(room)).mapEmpty());
    }

    @Override
    public Uni<List<RoomSummary>> rooms() {
        Future<List<RoomSummary>> result = liveInstances().compose(live -> redis.send(Request.cmd(Command.SMEMBERS).arg(ROOMS))
                .compose(names -> {
                    List<Future<RoomSummary>> counts = new ArrayList<>();
                    for (Response name : names) {
                        counts.add(liveMembers(name.toString(), live).map(m -> new RoomSummary(name.toString(), m.size())));
                    }
                    return Future.all(counts).map(all -> {
                        List<RoomSummary> summaries = new ArrayList<>();
                        for (int i = 0; i < counts.size(); i++) {
                            RoomSummary summary = all.resultAt(i);
                            if (summary.members() > 0) {
                                summaries.add(summary);
                            }
                        }
                        summaries.sort(Comparator.comparing(RoomSummary::name));
                        return summaries;
                    });
                }));
        return uni(result);
    }

    @Override
    public Uni<List<Member>> members(String room) {
        return uni(liveInstances().compose(live -> liveMembers(room, live)));
    }

    @Override
    public Uni<Boolean> claim(String connectionId) {
        Request set = Request.cmd(Command.SET).arg(CLAIM + connectionId).arg(instanceId).arg("NX").arg("EX").arg(claimSeconds);
        return uni(redis.send(set).map(reply -> reply != null));
    }

    @Override
    public Uni<Boolean> connectUser(String userId, String connectionId, int max) {
        long liveSince = clock.millis() - instanceTtl.toMillis();
        return uni(redis.send(Request.cmd(Command.EVAL).arg(CONNECT_USER).arg(2).arg(USER + userId).arg(INSTANCES)
                .arg(connectionId).arg(instanceId).arg(max).arg(liveSince)).map(reply -> reply != null && reply.toInteger() == 1));
    }

    @Override
    public Uni<Void> disconnectUser(String userId, String connectionId) {
        return uni(redis.send(Request.cmd(Command.HDEL).arg(USER + userId).arg(connectionId)).mapEmpty());
    }

    @Override
    public Uni<Integer> userConnections(String userId) {
        return uni(liveInstances().compose(live -> redis.send(Request.cmd(Command.HGETALL).arg(USER + userId)).map(hash -> {
            int count = 0;
            for (String connection : hash.getKeys()) {
                if (live.contains(hash.get(connection).toString())) {
                    count++;
                }
            }
            return count;
        })));
    }

    @Override
    public Uni<Void> heartbeat() {
        long now = clock.millis();
        // instances dead for long are forgotten, so the set does not grow with every restart
        redis.send(Request.cmd(Command.ZREMRANGEBYSCORE).arg(INSTANCES).arg("-inf").arg(now - 10 * instanceTtl.toMillis()));
        return uni(redis.send(Request.cmd(Command.ZADD).arg(INSTANCES).arg(now).arg(instanceId)).mapEmpty());
    }

    @Override
    public Uni<Void> retire() {
        return uni(redis.send(Request.cmd(Command.ZREM).arg(INSTANCES).arg(instanceId)).mapEmpty());
    }

    private Future<Set<String>> liveInstances() {
        long since = clock.millis() - instanceTtl.toMillis();
        return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(INSTANCES).arg(since).arg("+inf")).map(reply -> {
            Set<String> live = new HashSet<>();
            live.add(instanceId); // this instance is alive, even before its first heartbeat lands
            reply.forEach(id -> live.add(id.toString()));
            return live;
        });
    }

    /** The room's members on live instances; deletes the others as it goes. */
    private Future<List<Member>> liveMembers(String room, Set<String> live) {
        return redis.send(Request.cmd(Command.HGETALL).arg(MEMBERS + room)).compose(hash -> {
            List<Member> members = new ArrayList<>();
            Request forget = Request.cmd(Command.HDEL).arg(MEMBERS + room);
            int dead = 0;
            for (String connectionId : hash.getKeys()) {
                String[] fields = hash.get(connectionId).toString().split("\\|", 4);
                String instance = fields[0];
                if (live.contains(instance)) {
                    members.add(new Member(connectionId, instance, fields.length > 1 ? fields[1] : "",
                            fields.length > 3 ? decode(fields[2]) : null, fields.length > 3 ? decode(fields[3]) : null));
                } else {
                    forget.arg(connectionId);
                    dead++;
                }
            }
            members.sort(Comparator.comparing(Member::joinedAt).thenComparing(Member::connectionId));
            Future<?> cleanup = dead == 0 ? Future.succeededFuture() : redis.send(forget).compose(r -> forgetIfEmpty(room));
            return cleanup.map(done -> members);
        });
    }

    private Future<Response> forgetIfEmpty(String room) {
        return redis.send(Request.cmd(Command.EVAL).arg(FORGET_IF_EMPTY).arg(2).arg(MEMBERS + room).arg(ROOMS).arg(room));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static <T> Uni<T> uni(Future<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage());
    }
}
