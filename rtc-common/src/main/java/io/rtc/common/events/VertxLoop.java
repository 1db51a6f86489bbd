package io.rtc.common.events;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * The outbox's thread: an event-loop context of its own (Vert.x internal API), so sending and
 * confirms never run on, or wait for, a connection's event loop.
 */
public final class VertxLoop implements Loop {

    private final Vertx vertx;
    private final Context context;

    public VertxLoop(Vertx vertx) {
        this.vertx = vertx;
        this.context = ((VertxInternal) vertx).createEventLoopContext();
    }

    @Override
    public void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /** Called on the context, so Vert.x runs the timer there too. */
    @Override
    public Runnable schedule(long delayMillis, Runnable task) {
        long timer = vertx.setTimer(delayMillis, id -> task.run());
        return () -> vertx.cancelTimer(timer);
    }
}
