package io.rtc.cli.bench;

/**
 * The run's current phase, set by the coordinating thread and read on every reply by the event
 * loops. A volatile read is the only cross-thread cost on the hot path.
 */
public final class LoadPhase {

    public enum Phase {
        /** Load runs, nothing is counted: lets JIT, pools and TCP windows settle. */
        WARMUP,
        /** Load runs and every reply is counted. */
        MEASURE,
        /** No new messages: in-flight replies are awaited, then connections close. */
        DRAIN;

        public boolean sending() {
            return this != DRAIN;
        }
    }

    private volatile Phase phase;

    public LoadPhase(Phase initial) {
        this.phase = initial;
    }

    public Phase get() {
        return phase;
    }

    public void set(Phase next) {
        phase = next;
    }
}
