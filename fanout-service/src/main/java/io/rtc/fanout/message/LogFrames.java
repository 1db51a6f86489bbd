package io.rtc.fanout.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.vertx.core.json.JsonObject;

/**
 * The JSON shapes of a message: the live tail's frame {@code {"id","timestamp","contentType","body"}}
 * (and {@code "publisher"}, the publisher's user id, when the message names one) and the archive's
 * line, which adds {@code archivedAt}. A body that is not UTF-8 (other AMQP
 * clients may send anything) travels as base64 with {@code "encoding":"base64"}.
 */
public final class LogFrames {

    private LogFrames() {
    }

    public static JsonObject frame(LogMessage message) {
        JsonObject json = new JsonObject()
                .put("id", message.id())
                .put("timestamp", message.timestamp().toString())
                .put("contentType", message.contentType());
        String text = utf8(message.body());
        if (text != null) {
            json.put("body", text);
        } else {
            json.put("body", Base64.getEncoder().encodeToString(message.body())).put("encoding", "base64");
        }
        if (message.publisher() != null) {
            json.put("publisher", message.publisher());
        }
        return json;
    }

    public static String tailFrame(LogMessage message) {
        return frame(message).encode();
    }

    public static String archiveLine(LogMessage message, Instant archivedAt) {
        return frame(message).put("archivedAt", archivedAt.toString()).encode();
    }

    /** The text of a UTF-8 body, or null when the bytes are not valid UTF-8. */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
