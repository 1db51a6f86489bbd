package io.rtc.chat.session;

import io.rtc.chat.config.ChatConfig;
import io.rtc.common.limits.TokenBucket;

/**
 * One connection's invocation budget: a token bucket, and a count of refusals in the current 10 s window
 * beyond which the client is closed (it ignores the errors and keeps flooding). Used on the connection's
 * event loop only.
 */
final class MessageRate {

    enum Verdict {
        ALLOWED,
        REFUSED,
        CLOSE
    }

    private static final long WINDOW_NANOS = 10_000_000_000L;

    private final TokenBucket bucket;
    private final double ratePerSecond;
    private final int burst;
    private final int hardLimit;
    private long windowStart;
    private int refusedInWindow;

    private MessageRate(double ratePerSecond, int burst, int hardLimit, long nowNanos) {
        this.bucket = new TokenBucket(ratePerSecond, burst, nowNanos);
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.hardLimit = hardLimit;
        this.windowStart = nowNanos;
    }

    /** The configured budget, or null when invocations are not limited. */
    static MessageRate of(ChatConfig.Limits limits, long nowNanos) {
        return limits.messageRate() <= 0 ? null : new MessageRate(limits.messageRate(), limits.messageBurst(), limits.messageHardLimit(), nowNanos);
    }

    Verdict take(long nowNanos) {
        if (bucket.tryTake(nowNanos)) {
            return Verdict.ALLOWED;
        }
        if (nowNanos - windowStart > WINDOW_NANOS) {
            windowStart = nowNanos;
            refusedInWindow = 0;
        }
        refusedInWindow++;
        return hardLimit > 0 && refusedInWindow > hardLimit ? Verdict.CLOSE : Verdict.REFUSED;
    }

    /** How long until the next invocation would be allowed. */
    long nanosUntilAllowed(long nowNanos) {
        return bucket.nanosUntilToken(nowNanos);
    }

    String describe() {
        return (ratePerSecond == Math.rint(ratePerSecond) ? Long.toString((long) ratePerSecond) : Double.toString(ratePerSecond))
                + " per second (bursts of " + burst + ")";
    }
}
