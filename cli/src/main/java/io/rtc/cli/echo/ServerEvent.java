package io.rtc.cli.echo;

/** What the server did, handed from the event loop to the thread that reads the console. */
sealed interface ServerEvent {

    record Reply(String text) implements ServerEvent {
    }

    /** {@code code} is null when the connection dropped without a close frame. */
    record Closed(Short code, String reason) implements ServerEvent {
    }

    record Failed(Throwable cause) implements ServerEvent {
    }
}
