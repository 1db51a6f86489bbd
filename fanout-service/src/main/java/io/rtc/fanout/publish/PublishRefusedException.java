package io.rtc.fanout.publish;

/** The broker did not confirm a publish (refused, timed out or away): nothing was promised. */
public class PublishRefusedException extends RuntimeException {

    public PublishRefusedException(String message) {
        super(message, null, false, false);
    }
}
