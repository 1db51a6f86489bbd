package io.rtc.fanout.message;

import java.time.Instant;

/**
 * One message of the exchange as it came from the broker: its id (null from AMQP clients that set
 * none), when it was published, its content type, its raw body, and who published it (null when
 * anonymous or unknown).
 */
public record LogMessage(String id, Instant timestamp, String contentType, byte[] body, String publisher) {

    /** Header with the publish time in milliseconds; AMQP's own timestamp property has whole seconds only. */
    public static final String TIMESTAMP_MS_HEADER = "x-timestamp-ms";

    /**
     * Header with the publisher's user id (the {@code sub} of its token). Not AMQP's {@code user-id} property:
     * RabbitMQ refuses a message whose {@code user-id} is not the user of the connection that publishes it.
     */
    public static final String PUBLISHER_HEADER = "x-user-id";
}
