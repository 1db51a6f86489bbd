package io.rtc.common.signalr;

/**
 * A well-formed record of a message type this codec does not know. A server closes the connection;
 * a client may ignore the record instead, as the official clients do, to stay compatible with
 * message types later versions of the protocol add.
 */
public class UnknownMessageTypeException extends InvalidMessageException {

    private final long type;

    public UnknownMessageTypeException(long type) {
        super("Unknown message type '" + type + "'.");
        this.type = type;
    }

    public long type() {
        return type;
    }
}
