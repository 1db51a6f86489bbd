package io.rtc.chat.hub;

/** A hub method refused the call: its message goes back to the caller as the Completion's error. */
public class HubException extends RuntimeException {

    public HubException(String message) {
        super(message, null, false, false);
    }
}
