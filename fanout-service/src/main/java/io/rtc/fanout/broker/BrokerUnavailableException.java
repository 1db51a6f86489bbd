package io.rtc.fanout.broker;

/** A publish the broker did not confirm; the message is not promised and may be published again. */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message) {
        super(message, null, false, false);
    }
}
