package io.rtc.chat.relay;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.rtc.chat.backplane.RedisLink;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The relay on Redis. {@code chat:conn:<connectionId>} names the instance holding a connection
 * ({@link ConnectionHolders}); each instance subscribes to
 * {@code chat:relay:<instanceId>}, where it receives the requests forwarded to it and the replies to
 * its own. A PUBLISH that reaches nobody means the holder is gone: 404 at once, not a timeout.
 * <p>
 * Threads: forwarding, and the waiting replies, belong to the publisher link's event loop, so a
 * forward's GET of the holder and its PUBLISH go out in call order on that one pipelined
 * connection; that is what keeps one connection's requests in order. The handler is called on the
 * subscriber link's event loop, in the order the requests arrive.
 */
public final class RedisRelay implements Relay {

    private static final Logger LOG = Logger.getLogger(RedisRelay.class);
    static final String CHANNEL_PREFIX = "chat:relay:";
    private static final RelayReply NOT_FOUND = LocalHandler.NOT_FOUND;
    private static final RelayReply UNAVAILABLE = RelayReply.of(503, "Relay unavailable (Redis unreachable); retry");
    private static final RelayReply BUSY = RelayReply.of(503, "Too many relayed requests in flight; retry");
    private static final RelayReply TIMED_OUT = RelayReply.of(503, "The instance holding the connection did not answer in time; retry");

    private final String instanceId;
    private final String channel;
    private final RedisLink subscriber;
    private final RedisLink publisher;
    private final ConnectionHolders holders;
    private final PendingReplies pending;
    private final AtomicLong malformed = new AtomicLong();
    /** Random start, so replies meant for an earlier run under the same instance id match nothing. */
    private long nextId = ThreadLocalRandom.current().nextLong();
    private long sweepTimer;
    private volatile boolean subscribed;
    private final LocalHandler handler = new LocalHandler();

    public RedisRelay(String instanceId, RedisLink subscriber, RedisLink publisher, RelaySettings settings) {
        this.instanceId = instanceId;
        this.channel = CHANNEL_PREFIX + instanceId;
        this.subscriber = subscriber.onPush(this::onPush).onConnect(this::subscribe);
        this.publisher = publisher;
        this.holders = new ConnectionHolders(instanceId, publisher);
        this.pending = new PendingReplies(settings.timeout().toNanos(), settings.pollWait().toNanos(), settings.maxPending());
        long sweepMs = Math.max(10, Math.min(250, settings.timeout().toMillis() / 5));
        publisher.context().runOnContext(v -> sweepTimer = publisher.context().owner().setPeriodic(sweepMs,
                id -> pending.expire(System.nanoTime(), TIMED_OUT)));
    }

    /** Starts the links (HubServices starts them with its others instead). */
    public void start() {
        subscriber.start();
        publisher.start();
    }

    /** Closes the links; requests still waiting get 503. */
    public void stop() {
        subscriber.close();
        publisher.close();
        publisher.context().runOnContext(v -> {
            publisher.context().owner().cancelTimer(sweepTimer);
            pending.failAll(UNAVAILABLE);
        });
    }

    @Override
    public Uni<Void> hold(String connectionId) {
        if (!ready()) {
            return Uni.createFrom().failure(new IllegalStateException("the relay is not subscribed (Redis unreachable?)"));
        }
        Promise<Void> held = Promise.promise();
        publisher.context().runOnContext(v -> holders.hold(connectionId).onComplete(held));
        return Uni.createFrom().completionStage(held.future().toCompletionStage());
    }

    @Override
    public void release(String connectionId) {
        publisher.context().runOnContext(v -> holders.release(connectionId)
                .onFailure(e -> LOG.debugf("relay: could not release %s: %s", connectionId, e.getMessage())));
    }

    @Override
    public Uni<RelayReply> forward(RelayRequest request) {
        CompletableFuture<RelayReply> reply = new CompletableFuture<>();
        publisher.context().runOnContext(v -> start(request, reply::complete));
        return Uni.createFrom().completionStage(reply);
    }

    @Override
    public void handler(Function<RelayRequest, Uni<RelayReply>> handler) {
        this.handler.set(handler);
    }

    /** True once requests forwarded here arrive: subscribed to this instance's channel. */
    boolean ready() {
        return subscriber.up() && subscribed;
    }

    /** Payloads on this instance's channel that were not envelopes. */
    long malformed() {
        return malformed.get();
    }

    private void start(RelayRequest request, Consumer<RelayReply> done) {
        if (!publisher.up() || !ready()) {
            done.accept(UNAVAILABLE); // without the subscription the reply could not come back
            return;
        }
        long id = nextId++;
        if (!pending.add(id, request.kind(), System.nanoTime(), done)) {
            done.accept(BUSY);
            return;
        }
        holders.holder(request.connectionId()).onComplete(got -> {
            if (got.failed()) {
                pending.complete(id, UNAVAILABLE);
            } else if (got.result() == null) {
                pending.complete(id, NOT_FOUND);
            } else if (instanceId.equals(got.result())) {
                subscriber.context().runOnContext(v -> handler.serve(request, reply -> answered(id, reply)));
            } else {
                publish(id, got.result(), request);
            }
        });
    }

    private void publish(long id, String holder, RelayRequest request) {
        byte[] call = new RelayEnvelope.Call(id, instanceId, request).encode();
        publisher.send(Request.cmd(Command.PUBLISH).arg(CHANNEL_PREFIX + holder).arg(call)).onComplete(sent -> {
            if (sent.failed()) {
                pending.complete(id, UNAVAILABLE);
            } else if (sent.result().toLong() == 0) {
                pending.complete(id, NOT_FOUND); // nobody listens there: the holder is gone
                holders.forget(request.connectionId(), holder);
            }
        });
    }

    /** A reply (remote or local) to this instance's request {@code id}: on to whoever still waits. */
    private void answered(long id, RelayReply reply) {
        publisher.context().runOnContext(v -> {
            if (!pending.complete(id, reply)) {
                LOG.debugf("relay: late reply %d ignored", id);
            }
        });
    }

    /** The holder's side: the reply goes back on the publisher's event loop, whichever thread the handler answered on. */
    private void reply(RelayEnvelope.Call call, RelayReply reply) {
        byte[] answer = new RelayEnvelope.Answer(call.id(), reply).encode();
        publisher.context().runOnContext(v -> publisher.send(Request.cmd(Command.PUBLISH).arg(CHANNEL_PREFIX + call.replyTo()).arg(answer))
                .onFailure(e -> LOG.debugf("relay: reply to %s lost: %s", call.replyTo(), e.getMessage())));
    }

    private void subscribe(RedisConnection connection) {
        subscribed = false; // Redis forgot it if it restarted: hold and forward refuse until it is confirmed again
        connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel));
    }

    private void onPush(Response push) {
        try {
            if (push == null || push.size() < 3 || !channel.equals(push.get(1).toString())) {
                return;
            }
            String kind = push.get(0).toString();
            if ("subscribe".equals(kind)) {
                subscribed = true;
            } else if ("message".equals(kind)) {
                RelayEnvelope envelope = RelayEnvelope.decode(push.get(2).toBytes());
                if (envelope instanceof RelayEnvelope.Call call) {
                    handler.serve(call.request(), reply -> reply(call, reply));
                } else {
                    answered(envelope.id(), ((RelayEnvelope.Answer) envelope).reply());
                }
            }
        } catch (RuntimeException e) {
            malformed.incrementAndGet();
            LOG.debugf("relay: ignored a message on %s: %s", channel, e.getMessage());
        }
    }
}
