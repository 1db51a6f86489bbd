package io.rtc.chat.session;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A session's input flow control, whatever carries the input: a WebSocket stops being read, a POST is
 * answered only once the session takes more (so a client that floods over POST waits for its answers),
 * and a connection takes one POST at a time. On the session's event loop but for the POST claim.
 */
final class InputGate {

    /** What pausing does to the transport now (a WebSocket stops reading; the HTTP transports need nothing). */
    interface Reading {
        void pause();

        void resume();
    }

    private final Reading reading;
    /** True while a POST for this connection is being taken: a second one at once is refused (409). */
    private final AtomicBoolean posting = new AtomicBoolean();
    private boolean paused;
    private Runnable waiter;

    InputGate(Reading reading) {
        this.reading = reading;
    }

    void pause() {
        paused = true;
        reading.pause();
    }

    void resume() {
        paused = false;
        reading.resume();
        release();
    }

    /** Runs {@code then} once input is taken again: at once unless paused (or {@code ended}). */
    void whenOpen(Runnable then, boolean ended) {
        if (!paused || ended) {
            then.run();
        } else {
            waiter = then;
        }
    }

    /** Answers the POST waiting for the gate, if any (when the session ends: there is no more to wait for). */
    void release() {
        Runnable waiting = waiter;
        waiter = null;
        if (waiting != null) {
            waiting.run();
        }
    }

    boolean beginPost() {
        return posting.compareAndSet(false, true);
    }

    void endPost() {
        posting.set(false);
    }
}
