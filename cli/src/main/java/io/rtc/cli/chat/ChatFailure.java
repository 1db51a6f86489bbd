package io.rtc.cli.chat;

/** A failure that ends {@code rtc chat}: its message is the one line printed on stderr. */
final class ChatFailure extends Exception {

    private final int exitCode;

    ChatFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
