package io.rtc.common.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long T0 = 1_000_000_000_000L;

    @Test
    void startsFullAndGivesTheBurstAtOnce() {
        TokenBucket bucket = new TokenBucket(2, 5, T0);

        assertThat(bucket.full(T0)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(T0)).as("token %d", i).isTrue();
        }
        assertThat(bucket.tryTake(T0)).isFalse();
        assertThat(bucket.full(T0)).isFalse();
    }

    @Test
    void refillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(2, 1, T0);
        assertThat(bucket.tryTake(T0)).isTrue();

        assertThat(bucket.tryTake(T0 + SECOND / 4)).isFalse();
        assertThat(bucket.nanosUntilToken(T0 + SECOND / 4)).isBetween(SECOND / 4 - 10, SECOND / 4 + 10);
        assertThat(bucket.tryTake(T0 + SECOND / 2)).isTrue();
        assertThat(bucket.tryTake(T0 + SECOND / 2)).isFalse();
    }

    @Test
    void countsHowManyASustainedClientGets() {
        TokenBucket bucket = new TokenBucket(10, 3, T0);
        int taken = 0;
        // one attempt every millisecond for 10 s
        for (long t = T0; t < T0 + 10 * SECOND; t += SECOND / 1000) {
            if (bucket.tryTake(t)) {
                taken++;
            }
        }
        assertThat(taken).isBetween(100, 103);
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(100, 3, T0);
        bucket.tryTake(T0);

        long later = T0 + 3600 * SECOND;
        assertThat(bucket.full(later)).isTrue();
        int taken = 0;
        while (bucket.tryTake(later)) {
            taken++;
        }
        assertThat(taken).isEqualTo(3);
    }

    @Test
    void aClockThatGoesBackNeitherAddsNorBreaks() {
        TokenBucket bucket = new TokenBucket(1, 1, T0);
        assertThat(bucket.tryTake(T0)).isTrue();

        assertThat(bucket.tryTake(T0 - 10 * SECOND)).isFalse();
        assertThat(bucket.tryTake(T0 + SECOND)).isTrue();
    }

    @Test
    void aBurstBelowOneIsOne() {
        TokenBucket bucket = new TokenBucket(1, 0, T0);
        assertThat(bucket.tryTake(T0)).isTrue();
        assertThat(bucket.tryTake(T0)).isFalse();
        assertThat(bucket.nanosUntilToken(T0)).isEqualTo(SECOND);
    }

    @Test
    void noWaitWhileATokenIsThere() {
        TokenBucket bucket = new TokenBucket(1, 2, T0);
        assertThat(bucket.nanosUntilToken(T0)).isZero();
    }

    @Test
    void nanoTimeMayBeNegative() {
        long start = -5 * SECOND;
        TokenBucket bucket = new TokenBucket(1, 1, start);
        assertThat(bucket.tryTake(start)).isTrue();
        assertThat(bucket.tryTake(start + SECOND / 2)).isFalse();
        assertThat(bucket.tryTake(start + SECOND)).isTrue();
    }
}
