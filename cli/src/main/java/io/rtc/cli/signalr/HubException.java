package io.rtc.cli.signalr;

/**
 * A failure the hub reported in words: an invocation's Completion error, a handshake or
 * negotiation refusal, a Close with an error, or an HTTP transport's request the server refused.
 * The message is the server's own text.
 */
public final class HubException extends RuntimeException {

    public HubException(String message) {
        super(message, null, false, false);
    }
}
