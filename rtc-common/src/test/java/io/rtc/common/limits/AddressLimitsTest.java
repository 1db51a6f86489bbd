package io.rtc.common.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AddressLimitsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long T0 = 5_000_000_000L;
    private static final String A = "203.0.113.1";
    private static final String B = "203.0.113.2";

    @Test
    void burstThenRatePerAddress() {
        AddressLimits limits = new AddressLimits(0, 2, 3);

        assertThat(limits.attempt(A, T0)).isTrue();
        assertThat(limits.attempt(A, T0)).isTrue();
        assertThat(limits.attempt(A, T0)).isTrue();
        assertThat(limits.attempt(A, T0)).isFalse();
        // another address has its own bucket
        assertThat(limits.attempt(B, T0)).isTrue();
        assertThat(limits.attempt(A, T0 + SECOND / 2)).isTrue();
        assertThat(limits.attempt(A, T0 + SECOND / 2)).isFalse();
    }

    @Test
    void aRateOfZeroIsNoLimit() {
        AddressLimits limits = new AddressLimits(0, 0, 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.attempt(A, T0)).isTrue();
        }
        assertThat(limits.tracked()).isZero();
    }

    @Test
    void settingsGiveTheLimits() {
        AddressLimits limits = new AddressLimits(new LimitSettings() {
            public int connectionsPerAddress() {
                return 1;
            }

            public double connectRate() {
                return 1;
            }

            public int connectBurst() {
                return 1;
            }

            public List<String> trustedProxies() {
                return List.of("none");
            }
        });
        assertThat(limits.attempt(A, T0)).isTrue();
        assertThat(limits.attempt(A, T0)).isFalse();
        assertThat(limits.open(A, T0)).isTrue();
        assertThat(limits.open(A, T0)).isFalse();
    }

    @Test
    void connectionsPerAddressAreCountedAndFreed() {
        AddressLimits limits = new AddressLimits(2, 0, 1);

        assertThat(limits.hasRoom(A)).isTrue();
        assertThat(limits.open(A, T0)).isTrue();
        assertThat(limits.open(A, T0)).isTrue();
        assertThat(limits.hasRoom(A)).isFalse();
        assertThat(limits.open(A, T0)).isFalse();
        assertThat(limits.connections(A)).isEqualTo(2);
        assertThat(limits.open(B, T0)).isTrue();

        limits.close(A);
        assertThat(limits.connections(A)).isEqualTo(1);
        assertThat(limits.hasRoom(A)).isTrue();
        assertThat(limits.open(A, T0)).isTrue();
        assertThat(limits.connections(B)).isEqualTo(1);
    }

    @Test
    void noConnectionLimitStillCounts() {
        AddressLimits limits = new AddressLimits(0, 0, 1);
        for (int i = 0; i < 10; i++) {
            assertThat(limits.open(A, T0)).isTrue();
        }
        assertThat(limits.hasRoom(A)).isTrue();
        assertThat(limits.connections(A)).isEqualTo(10);
    }

    @Test
    void closingAnUnknownAddressIsHarmless() {
        AddressLimits limits = new AddressLimits(1, 1, 1);
        limits.close("198.51.100.9");
        assertThat(limits.connections("198.51.100.9")).isZero();
        assertThat(limits.tracked()).isZero();
    }

    @Test
    void concurrentOpensNeverExceedTheMax() throws Exception {
        int max = 7;
        int threads = 8;
        for (int round = 0; round < 50; round++) {
            AddressLimits limits = new AddressLimits(max, 0, 1);
            AtomicInteger accepted = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 10; i++) {
                            if (limits.open(A, T0)) {
                                accepted.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(accepted.get()).isEqualTo(max);
            assertThat(limits.connections(A)).isEqualTo(max);
        }
    }

    @Test
    void opensAndClosesRacingWithSweepsKeepTheCountRight() throws Exception {
        for (int round = 0; round < 10; round++) {
            racingRound();
        }
    }

    private static void racingRound() throws Exception {
        int max = 3;
        int threads = 4;
        AddressLimits limits = new AddressLimits(max, 0, 1);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger overMax = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch workers = new CountDownLatch(threads);
        try {
            pool.submit(() -> {
                while (running.get()) {
                    limits.sweep(T0);
                }
            });
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    try {
                        for (int i = 0; i < 100_000; i++) {
                            if (limits.open(A, T0)) {
                                if (held.incrementAndGet() > max) {
                                    overMax.incrementAndGet();
                                }
                                held.decrementAndGet();
                                limits.close(A);
                            }
                        }
                    } finally {
                        workers.countDown();
                    }
                });
            }
            assertThat(workers.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(overMax.get()).as("times more than the max were held").isZero();
        assertThat(limits.connections(A)).isZero();
        // every connection was closed: the address may open the max again, and not more
        for (int i = 0; i < max; i++) {
            assertThat(limits.open(A, T0)).isTrue();
        }
        assertThat(limits.open(A, T0)).isFalse();
    }

    @Test
    void sweepForgetsIdleAddressesAndKeepsBusyOnes() {
        AddressLimits limits = new AddressLimits(10, 1, 2);

        // A holds a connection, B used its burst and holds nothing, C is idle with a full bucket
        assertThat(limits.attempt(A, T0)).isTrue();
        assertThat(limits.open(A, T0)).isTrue();
        assertThat(limits.attempt(B, T0)).isTrue();
        assertThat(limits.attempt(B, T0)).isTrue();
        assertThat(limits.open("203.0.113.3", T0)).isTrue();
        limits.close("203.0.113.3");
        assertThat(limits.tracked()).isEqualTo(3);

        limits.sweep(T0);
        assertThat(limits.tracked()).isEqualTo(2);
        // B's bucket is not full: forgetting it would hand it a fresh burst
        assertThat(limits.attempt(B, T0)).isFalse();

        limits.sweep(T0 + 10 * SECOND);
        assertThat(limits.tracked()).isEqualTo(1);
        assertThat(limits.connections(A)).isEqualTo(1);

        limits.close(A);
        limits.sweep(T0 + 20 * SECOND);
        assertThat(limits.tracked()).isZero();
    }

    @Test
    void sweepWithoutARateForgetsEveryAddressThatHoldsNothing() {
        AddressLimits limits = new AddressLimits(5, 0, 1);
        limits.open(A, T0);
        limits.open(B, T0);
        limits.close(B);

        limits.sweep(T0);

        assertThat(limits.tracked()).isEqualTo(1);
        assertThat(limits.connections(A)).isEqualTo(1);
    }
}
