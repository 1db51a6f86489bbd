package io.rtc.chat.backplane;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The backplane on Redis pub/sub: one channel per topic ({@code chat:room:<room>}, {@code chat:user:<id>}),
 * to which an instance subscribes while it has a local member in the room (a connection of the user). Each room message is published once
 * and carries the publishing instance's id, so the publisher skips its own copy (it already
 * delivered locally). Subscriptions are kept on the subscriber link's event loop, in the order the
 * hub asked for them, and are all sent again whenever the link reconnects.
 */
public final class RedisBackplane implements Backplane {

    static final String CHANNEL_PREFIX = "chat:";
    private static final char ORIGIN_END = '\n';
    private static final int SUBSCRIBE_BATCH = 500;

    private final String instanceId;
    private final RedisLink subscriber;
    private final RedisLink publisher;
    /** Rooms wanted, and confirmations awaited; both touched only on the subscriber's event loop. */
    private final Set<String> rooms = new HashSet<>();
    private final Map<String, List<Promise<Void>>> awaitingConfirmation = new HashMap<>();
    private volatile RoomFrameReceiver receiver = (room, frame) -> {
    };

    public RedisBackplane(String instanceId, RedisLink subscriber, RedisLink publisher) {
        this.instanceId = instanceId;
        this.subscriber = subscriber.onPush(this::onPush).onConnect(this::resubscribe);
        this.publisher = publisher;
    }

    public void start() {
        subscriber.start();
        publisher.start();
    }

    public void stop() {
        subscriber.close();
        publisher.close();
    }

    @Override
    public Uni<Void> subscribe(String room) {
        Promise<Void> confirmed = Promise.promise();
        subscriber.context().runOnContext(v -> {
            rooms.add(room);
            if (!subscriber.up()) {
                confirmed.complete(); // local delivery works now; the room is subscribed once Redis is back
                return;
            }
            awaitingConfirmation.computeIfAbsent(CHANNEL_PREFIX + room, k -> new ArrayList<>()).add(confirmed);
            subscriber.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL_PREFIX + room))
                    .onFailure(e -> confirmAll(CHANNEL_PREFIX + room));
        });
        return Uni.createFrom().completionStage(confirmed.future().toCompletionStage());
    }

    @Override
    public void unsubscribe(String room) {
        subscriber.context().runOnContext(v -> {
            rooms.remove(room);
            confirmAll(CHANNEL_PREFIX + room);
            if (subscriber.up()) {
                subscriber.send(Request.cmd(Command.UNSUBSCRIBE).arg(CHANNEL_PREFIX + room));
            }
        });
    }

    @Override
    public Uni<Void> publish(String room, String frame) {
        Request request = Request.cmd(Command.PUBLISH).arg(CHANNEL_PREFIX + room).arg(instanceId + ORIGIN_END + frame);
        return Uni.createFrom().completionStage(publisher.send(request).<Void>mapEmpty().toCompletionStage());
    }

    @Override
    public void receiver(RoomFrameReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public boolean connected() {
        return subscriber.up() && publisher.up();
    }

    private void resubscribe(RedisConnection connection) {
        List<String> channels = new ArrayList<>(rooms.size());
        rooms.forEach(room -> channels.add(CHANNEL_PREFIX + room));
        for (int from = 0; from < channels.size(); from += SUBSCRIBE_BATCH) {
            Request request = Request.cmd(Command.SUBSCRIBE);
            channels.subList(from, Math.min(channels.size(), from + SUBSCRIBE_BATCH)).forEach(request::arg);
            connection.send(request);
        }
    }

    private void onPush(Response push) {
        if (push == null || push.size() < 3) {
            return;
        }
        String kind = push.get(0).toString();
        if ("message".equals(kind)) {
            String channel = push.get(1).toString();
            String payload = push.get(2).toString();
            int end = payload.indexOf(ORIGIN_END);
            boolean fromElsewhere = end > 0 && !(end == instanceId.length() && payload.startsWith(instanceId));
            if (fromElsewhere && channel.startsWith(CHANNEL_PREFIX)) {
                receiver.deliver(channel.substring(CHANNEL_PREFIX.length()), payload.substring(end + 1));
            }
        } else if ("subscribe".equals(kind)) {
            confirmAll(push.get(1).toString());
        }
    }

    private void confirmAll(String channel) {
        List<Promise<Void>> waiting = awaitingConfirmation.remove(channel);
        if (waiting != null) {
            waiting.forEach(Promise::tryComplete);
        }
    }
}
