package io.rtc.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectRampTest {

    @Test
    void neverHasMoreThanTheLimitInFlightAndFinishesAfterAll() {
        List<Promise<Void>> pending = new ArrayList<>();
        int[] maxInFlight = {0};
        ConnectRamp ramp = new ConnectRamp(10, 3, i -> {
            Promise<Void> promise = Promise.promise();
            pending.add(promise);
            maxInFlight[0] = Math.max(maxInFlight[0], (int) pending.stream().filter(p -> !p.future().isComplete()).count());
            return promise.future();
        });

        Future<Void> done = ramp.start();
        assertEquals(3, pending.size());
        for (int i = 0; i < 10; i++) {
            assertTrue(!done.isComplete());
            if (i % 2 == 0) {
                pending.get(i).complete();
            } else {
                pending.get(i).fail("refused");
            }
        }

        assertTrue(done.succeeded());
        assertEquals(10, pending.size());
        assertEquals(3, maxInFlight[0]);
    }

    @Test
    void synchronousFailuresDoNotRecurseDeeply() {
        int[] attempts = {0};
        ConnectRamp ramp = new ConnectRamp(100_000, 200, i -> {
            attempts[0]++;
            return Future.failedFuture("refused");
        });

        assertTrue(ramp.start().succeeded());
        assertEquals(100_000, attempts[0]);
    }
}
