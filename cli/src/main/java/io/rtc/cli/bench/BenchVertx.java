package io.rtc.cli.bench;

import io.rtc.cli.ws.WsClients;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A Vert.x instance sized for the generator, with one context pinned to each event loop.
 * Each scenario puts one shard of its connections on each context, so a shard's state
 * (histogram, counters) is only ever touched by one thread.
 */
public final class BenchVertx implements AutoCloseable {

    private final Vertx vertx;
    private final List<Context> loops;

    private BenchVertx(Vertx vertx, List<Context> loops) {
        this.vertx = vertx;
        this.loops = loops;
    }

    public static BenchVertx start(int eventLoops) throws InterruptedException, TimeoutException {
        Vertx vertx = WsClients.reserveTimerIdZero(Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(eventLoops)
                // epoll where available (Linux x86-64): less CPU per message than NIO.
                .setPreferNativeTransport(true)
                // Nothing blocking runs here: keep the other pools minimal.
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)));
        List<Context> loops = Collections.synchronizedList(new ArrayList<>());
        // One deployment with N instances takes N consecutive event loops from the round-robin, so
        // each context lands on its own loop.
        Future<String> deployed = vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                loops.add(context);
            }
        }, new DeploymentOptions().setInstances(eventLoops));
        BenchVertx bench = new BenchVertx(vertx, loops);
        try {
            await(deployed, Duration.ofSeconds(10));
        } catch (TimeoutException | InterruptedException | RuntimeException e) {
            bench.close();
            throw e;
        }
        return bench;
    }

    public Vertx vertx() {
        return vertx;
    }

    public List<Context> loops() {
        return List.copyOf(loops);
    }

    /** Runs {@code action} on {@code context} and returns its future, for calls from the coordinating thread. */
    public static <T> Future<T> on(Context context, Supplier<Future<T>> action) {
        return Future.<T>future(promise -> context.runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        }));
    }

    /**
     * {@code future}, or a failure after {@code limit}, completed on {@code context} (call it there).
     * Not Future.timeout: a promise made without a context would time out on a global thread and
     * race with the event loop's state.
     */
    public static <T> Future<T> within(Context context, Future<T> future, Duration limit) {
        Promise<T> result = Promise.promise();
        long timer = context.owner().setTimer(Math.max(1, limit.toMillis()),
                id -> result.tryFail("no answer within " + limit.toMillis() + " ms"));
        future.onComplete(done -> {
            context.owner().cancelTimer(timer);
            if (done.succeeded()) {
                result.tryComplete(done.result());
            } else {
                result.tryFail(done.cause());
            }
        });
        return result.future();
    }

    /** Blocks the coordinating thread (never an event loop) until {@code future} completes. */
    public static <T> T await(Future<T> future, Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    /** Waits for one future per event loop and returns their results in order. */
    public static <T> List<T> awaitAll(List<Future<T>> futures, Duration timeout)
            throws InterruptedException, TimeoutException {
        await(Future.all(futures), timeout);
        return futures.stream().map(Future::result).toList();
    }

    @Override
    public void close() {
        try {
            await(vertx.close(), Duration.ofSeconds(5));
        } catch (Exception ignored) {
            // Event-loop threads are daemons, so a slow close cannot keep the process alive.
        }
    }
}
