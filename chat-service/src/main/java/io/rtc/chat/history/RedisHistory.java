package io.rtc.chat.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.rtc.chat.backplane.RedisLink;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * History in one Redis Stream per room ({@code chat:history:<room>}), trimmed approximately to the
 * configured size on every append (the cheap {@code MAXLEN ~} form: Redis trims whole nodes).
 */
public final class RedisHistory implements History {

    private static final String KEY = "chat:history:";

    private final RedisLink redis;
    private final int capacity;

    public RedisHistory(RedisLink redis, int capacity) {
        this.redis = redis;
        this.capacity = capacity;
    }

    @Override
    public Uni<ChatMessage> append(String room, String user, String message) {
        String timestamp = Instant.now().toString();
        Request add = Request.cmd(Command.XADD).arg(KEY + room).arg("MAXLEN").arg("~").arg(capacity).arg("*")
                .arg("user").arg(user).arg("message").arg(message).arg("timestamp").arg(timestamp);
        return Uni.createFrom().completionStage(redis.send(add)
                .map(id -> new ChatMessage(id.toString(), user, message, timestamp)).toCompletionStage());
    }

    @Override
    public Uni<List<ChatMessage>> latest(String room, int limit) {
        Request range = Request.cmd(Command.XREVRANGE).arg(KEY + room).arg("+").arg("-").arg("COUNT").arg(limit);
        return Uni.createFrom().completionStage(redis.send(range).map(RedisHistory::oldestFirst).toCompletionStage());
    }

    private static List<ChatMessage> oldestFirst(Response newestFirst) {
        List<ChatMessage> messages = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Response entry = newestFirst.get(i);
            Response fields = entry.get(1);
            messages.add(new ChatMessage(entry.get(0).toString(), field(fields, "user"), field(fields, "message"),
                    field(fields, "timestamp")));
        }
        return messages;
    }

    private static String field(Response fields, String name) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if (name.equals(fields.get(i).toString())) {
                return fields.get(i + 1).toString();
            }
        }
        return "";
    }
}
