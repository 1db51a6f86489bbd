package io.rtc.echo.endpoint;

import java.nio.charset.StandardCharsets;

/** Close reasons must fit a control frame: 125 bytes, two of them taken by the code. */
final class Reasons {

    static final int MAX_REASON_BYTES = 123;

    private Reasons() {
    }

    static String shorten(String reason) {
        if (reason == null) {
            return "";
        }
        String text = reason;
        while (text.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
