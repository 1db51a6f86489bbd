package io.rtc.chat.relay;

import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The endpoint's handler of requests forwarded to this instance, made safe to call from a push
 * handler: whatever it does (throws, fails, answers null) the requester gets a reply, 500 at worst,
 * and nothing escapes. Until the endpoint sets its handler, this instance holds nothing: 404.
 */
final class LocalHandler {

    private static final Logger LOG = Logger.getLogger(LocalHandler.class);
    static final RelayReply NOT_FOUND = RelayReply.of(404, Relay.NO_CONNECTION);
    private static final RelayReply FAILED = RelayReply.of(500, "The instance holding the connection failed to answer");

    private volatile Function<RelayRequest, Uni<RelayReply>> handler = request -> Uni.createFrom().item(NOT_FOUND);

    void set(Function<RelayRequest, Uni<RelayReply>> handler) {
        this.handler = handler;
    }

    void serve(RelayRequest request, Consumer<RelayReply> reply) {
        Uni<RelayReply> answer;
        try {
            answer = handler.apply(request);
        } catch (RuntimeException e) {
            answer = Uni.createFrom().failure(e);
        }
        if (answer == null) {
            answer = Uni.createFrom().nullItem();
        }
        answer.subscribe().with(r -> reply.accept(r == null ? FAILED : r), e -> {
            LOG.debugf("relay: the handler failed on %s: %s", request, e.getMessage());
            reply.accept(FAILED);
        });
    }
}
