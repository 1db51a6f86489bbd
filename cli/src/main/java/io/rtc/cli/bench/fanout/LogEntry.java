package io.rtc.cli.bench.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One message as fanout-service shows it, a stream frame {@code {"id","timestamp","contentType","body"}}
 * or an archive entry (the same plus {@code archivedAt}), read for the benchmark: whose it is, its stamp.
 */
final class LogEntry {

    private LogEntry() {
    }

    /** The id, or null when the entry has none (a message from another AMQP client) or is not an object. */
    static String id(JsonNode entry) {
        JsonNode id = entry.get("id");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    /** The stamp of a benchmark body, or null (a body that is not ours, or base64: not what we sent). */
    static FanoutPayload.Stamp stamp(JsonNode entry) {
        if ("base64".equalsIgnoreCase(entry.path("encoding").asText())) {
            return null;
        }
        JsonNode body = entry.get("body");
        if (body == null || body.isNull()) {
            return null;
        }
        if (body.isTextual()) {
            return FanoutPayload.parse(body.asText());
        }
        // A server that embeds a JSON body as JSON: our object carries the stamp in a field.
        return body.isObject() && body.get("stamp") != null ? FanoutPayload.parse(body.get("stamp").asText()) : null;
    }

    /** {@code archivedAt} in epoch microseconds, or Long.MIN_VALUE when absent or unreadable. */
    static long archivedAtMicros(JsonNode entry) {
        JsonNode at = entry.get("archivedAt");
        if (at == null || !at.isTextual()) {
            return Long.MIN_VALUE;
        }
        Instant instant;
        try {
            instant = Instant.parse(at.asText());
        } catch (DateTimeParseException e) {
            try {
                instant = OffsetDateTime.parse(at.asText()).toInstant();
            } catch (DateTimeParseException again) {
                return Long.MIN_VALUE;
            }
        }
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
