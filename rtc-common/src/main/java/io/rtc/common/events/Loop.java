package io.rtc.common.events;

/** The one thread that owns an {@link Outbox}'s state: runs tasks in order, and timers. */
public interface Loop {

    void execute(Runnable task);

    /** Runs the task after the delay unless the returned handle is run first; called on the loop. */
    Runnable schedule(long delayMillis, Runnable task);
}
