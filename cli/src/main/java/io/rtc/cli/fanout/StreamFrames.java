package io.rtc.cli.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import io.rtc.cli.json.JsonText;

/**
 * How {@code rtc subscribe} prints a frame of {@code /logs/stream}:
 * {@code {"id","timestamp","contentType","body"}} (plus {@code "encoding":"base64"} when the body is
 * not UTF-8). Frames of another shape are shown as they came, never dropped.
 */
public final class StreamFrames {

    static final String RECEIVED = " [x] Received: ";
    static final String RECEIVED_BASE64 = " [x] Received (base64): ";

    private StreamFrames() {
    }

    /** The seed subscriber's line: {@code " [x] Received: <body>"}. */
    public static String human(String frame) {
        JsonNode node;
        try {
            node = JsonText.parse(frame);
        } catch (IllegalArgumentException e) {
            return RECEIVED + frame;
        }
        JsonNode body = node.get("body");
        if (!node.isObject() || body == null || body.isNull()) {
            return RECEIVED + frame;
        }
        String text = body.isTextual() ? body.asText() : body.toString();
        return ("base64".equalsIgnoreCase(node.path("encoding").asText()) ? RECEIVED_BASE64 : RECEIVED) + text;
    }

    /** The frame as one line of JSON: as it came when it has no line break, else re-written compactly. */
    public static String jsonLine(String frame) {
        if (frame.indexOf('\n') < 0 && frame.indexOf('\r') < 0) {
            return frame;
        }
        try {
            return JsonText.parse(frame).toString();
        } catch (IllegalArgumentException e) {
            // Not JSON: still one line, as a JSON string.
            return JsonText.write(json -> json.writeString(frame));
        }
    }
}
