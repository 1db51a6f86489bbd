package io.rtc.cli.signalr;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the text of WebSocket messages into hub protocol records. Each record ends with 0x1E; the
 * server may batch several records in one message, and nothing in the protocol forbids a record
 * spanning two messages, so an unfinished tail is kept for the next call. One connection each.
 */
final class RecordBuffer {

    private final StringBuilder tail = new StringBuilder();

    /** The complete records now available, in order, without their separators. */
    List<String> append(String text) {
        List<String> records = new ArrayList<>(2);
        int start = 0;
        int end;
        while ((end = text.indexOf(HubCodec.RECORD_SEPARATOR, start)) >= 0) {
            if (tail.length() > 0) {
                records.add(tail.append(text, start, end).toString());
                tail.setLength(0);
            } else {
                records.add(text.substring(start, end));
            }
            start = end + 1;
        }
        tail.append(text, start, text.length());
        return records;
    }

    /** Characters received after the last separator, not yet a record. */
    int pending() {
        return tail.length();
    }
}
