package io.rtc.cli.chat;

/**
 * What the console loop waits for: a line typed (or piped), the end of input, or the connection
 * ending. One queue for all three, so a server that hangs up is noticed while stdin is idle.
 */
sealed interface ChatEvent {

    record Line(String text) implements ChatEvent {
    }

    record EndOfInput() implements ChatEvent {
    }

    record Closed(String reason) implements ChatEvent {
    }
}
