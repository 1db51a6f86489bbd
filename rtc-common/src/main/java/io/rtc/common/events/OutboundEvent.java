package io.rtc.common.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An event for the {@code logs} exchange as an {@link EventPublisher} sends it. The caller only
 * builds the record (its clock read once); the JSON is written later, on the outbox's thread.
 */
public interface OutboundEvent {

    /** ISO-8601 in UTC, always with milliseconds ({@link Instant#toString} drops zero fractions). */
    DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The AMQP type, also the JSON's {@code type}: {@code connection.opened}, {@code room.joined}, … */
    String type();

    /** When it happened, epoch milliseconds: the AMQP timestamp, and the JSON's through {@link #TIMESTAMP}. */
    long timestamp();

    /** The wire form; {@code id} is also the AMQP message id, the same on every send of this event. */
    byte[] toJson(String id);
}
