package io.rtc.common.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Loop} the test turns by hand: tasks run on {@link #run()}, timers on {@link #advance}. */
final class ManualLoop implements Loop {

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private long now;

    private record Timer(long due, Runnable task, boolean[] cancelled) {
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public Runnable schedule(long delayMillis, Runnable task) {
        boolean[] cancelled = { false };
        timers.add(new Timer(now + delayMillis, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs every queued task, including those they queue; a runaway loop fails the test. */
    void run() {
        int ran = 0;
        for (Runnable task; (task = tasks.poll()) != null;) {
            if (++ran > 100_000) {
                throw new AssertionError("the loop never settles: tasks keep queueing tasks");
            }
            task.run();
        }
    }

    /** Moves the clock on, firing the timers due by then at their time, and runs what they queue. */
    void advance(long millis) {
        run();
        long until = now + millis;
        while (true) {
            Timer next = timers.stream().filter(t -> t.due() <= until).min(Comparator.comparingLong(Timer::due)).orElse(null);
            if (next == null) {
                now = until;
                return;
            }
            timers.remove(next);
            now = Math.max(now, next.due());
            if (!next.cancelled()[0]) {
                next.task().run();
            }
            run();
        }
    }
}
