package io.rtc.cli.fanout;

/** Why {@code rtc publish} stopped, with the exit code that says so to a script. */
final class PublishFailure extends Exception {

    private final int exitCode;

    PublishFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
