package io.rtc.fanout.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import io.rtc.fanout.message.LogFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

/**
 * Checks one {@code POST /api/logs}: its content type, size, body and optional {@code Message-Id}.
 * {@link #problem} is null when the request may be published.
 */
record PublishRequest(String id, String contentType, byte[] body, int status, String problem) {

    static final String TEXT = "text/plain";
    static final String JSON = "application/json";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    static PublishRequest check(String contentTypeHeader, String messageId, byte[] body, int maxBodySize) {
        String type = mediaType(contentTypeHeader);
        if (!TEXT.equals(type) && !JSON.equals(type)) {
            return refuse(415, "Content-Type must be text/plain or application/json");
        }
        Charset charset = charset(contentTypeHeader);
        if (charset == null) {
            return refuse(415, "Unknown charset in Content-Type");
        }
        if (body.length > maxBodySize) {
            return refuse(413, "The message is larger than " + maxBodySize + " bytes");
        }
        if (body.length == 0) {
            return refuse(400, "The message is empty");
        }
        if (messageId != null && !ID.matcher(messageId).matches()) {
            return refuse(400, "Message-Id must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");
        }
        // JSON is UTF-8 by definition (RFC 8259); text in another charset is stored as UTF-8
        if (TEXT.equals(type) && !charset.equals(StandardCharsets.UTF_8)) {
            body = transcode(body, charset);
            if (body == null) {
                return refuse(400, "The message is not valid " + charset.name());
            }
        } else if (LogFrames.utf8(body) == null) {
            return refuse(400, "The message is not valid UTF-8");
        }
        if (JSON.equals(type) && !isJson(body)) {
            return refuse(400, "The message is not valid JSON");
        }
        String id = messageId != null ? messageId : UUID.randomUUID().toString();
        return new PublishRequest(id, type, body, 202, null);
    }

    private static PublishRequest refuse(int status, String problem) {
        return new PublishRequest(null, null, null, status, problem);
    }

    private static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The charset parameter (UTF-8 when absent), or null when Java does not know it. */
    private static Charset charset(String header) {
        for (String parameter : header.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(pair[1].trim().replace("\"", ""));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static byte[] transcode(byte[] body, Charset charset) {
        try {
            String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isJson(byte[] body) {
        try {
            Json.decodeValue(Buffer.buffer(body));
            return true;
        } catch (DecodeException e) {
            return false;
        }
    }
}
