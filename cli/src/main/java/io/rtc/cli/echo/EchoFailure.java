package io.rtc.cli.echo;

/** A failure that ends {@code rtc echo}: its message is the one line printed on stderr. */
final class EchoFailure extends Exception {

    private final int exitCode;

    EchoFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
