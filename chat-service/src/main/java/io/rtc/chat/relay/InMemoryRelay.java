package io.rtc.chat.relay;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * The relay of a single instance without Redis: there is no other instance, so a connection the
 * local endpoint does not have (it looks before asking the relay) exists nowhere.
 */
public final class InMemoryRelay implements Relay {

    private static final Uni<RelayReply> NOT_FOUND = Uni.createFrom().item(RelayReply.of(404, NO_CONNECTION));

    @Override
    public Uni<Void> hold(String connectionId) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public void release(String connectionId) {
    }

    @Override
    public Uni<RelayReply> forward(RelayRequest request) {
        return NOT_FOUND;
    }

    @Override
    public void handler(Function<RelayRequest, Uni<RelayReply>> handler) {
        // nothing is ever forwarded here
    }
}
