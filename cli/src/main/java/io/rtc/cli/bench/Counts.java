package io.rtc.cli.bench;

/**
 * What one event loop (or, merged, the whole run) counted. {@code firstError} keeps one
 * example so a failed run says why without a log.
 */
public record Counts(long opened, long connectFailures, long errors, long closedByPeer, long wrongReplies,
                     long timeouts, long messages, long openAtEnd, String firstError) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, null);

    public Counts plus(Counts other) {
        return new Counts(
                opened + other.opened,
                connectFailures + other.connectFailures,
                errors + other.errors,
                closedByPeer + other.closedByPeer,
                wrongReplies + other.wrongReplies,
                timeouts + other.timeouts,
                messages + other.messages,
                openAtEnd + other.openAtEnd,
                firstError != null ? firstError : other.firstError);
    }
}
