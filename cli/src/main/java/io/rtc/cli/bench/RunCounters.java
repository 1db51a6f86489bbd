package io.rtc.cli.bench;

/**
 * Mutable counters owned by one event loop: plain fields, no atomics, because only that
 * loop's thread writes them. Read them through {@link #snapshot()} on the same thread.
 */
public final class RunCounters {

    private long opened;
    private long connectFailures;
    private long errors;
    private long closedByPeer;
    private long wrongReplies;
    private long timeouts;
    private long messages;
    private long openAtEnd;
    private String firstError;

    public void opened() {
        opened++;
    }

    public void connectFailed(Throwable cause) {
        connectFailures++;
        note("connect: " + describe(cause));
    }

    /** A connection that was open broke: an exception or a close we did not ask for. */
    public void error(String description) {
        errors++;
        note(description);
    }

    public void closedByPeer() {
        closedByPeer++;
    }

    public void wrongReply() {
        wrongReplies++;
        note("wrong reply");
    }

    public void timeouts(long count) {
        if (count > 0) {
            timeouts += count;
            note(count + " replies timed out");
        }
    }

    public void measured() {
        messages++;
    }

    public void openAtEnd(long count) {
        openAtEnd = count;
    }

    public Counts snapshot() {
        return new Counts(opened, connectFailures, errors, closedByPeer, wrongReplies, timeouts, messages, openAtEnd,
                firstError);
    }

    private void note(String description) {
        if (firstError == null) {
            firstError = description;
        }
    }

    public static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
