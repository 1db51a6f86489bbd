package io.rtc.cli.bench.fanout;

/**
 * Finds this run's id and stamp in fanout-service's JSON without a JSON parser, for the common case
 * only: a stream frame and a 202's answer start with the id ({@code {"id":"...",...}}, see
 * fanout-service's LogFrames), and our ids and text stamps hold no character JSON escapes. Parsing
 * every frame into a tree just to read those two was most of the tail client's cost. The scan only
 * ever says "ours, and readable"; anything else (another publisher's frame, a JSON body, an escape,
 * a frame of another shape) is for the caller to parse as JSON, so every check sees the same verdict.
 */
final class FrameScan {

    private static final String ID_OPEN = "{\"id\":\"";
    private static final String BODY_KEY = "\"body\":";

    private FrameScan() {
    }

    /** The {@link BenchIds#key} of the leading id of a complete JSON object, or -1 when it is not one of ours. */
    static long leadingKey(BenchIds ids, String json) {
        if (!json.startsWith(ID_OPEN) || json.charAt(json.length() - 1) != '}') {
            return -1;
        }
        int end = json.indexOf('"', ID_OPEN.length());
        return end < 0 ? -1 : ids.parse(json, ID_OPEN.length(), end);
    }

    /**
     * The stamp of a frame's body when it is a string starting with one, else null. The first
     * {@code "body":} is the frame's own key when no object or array comes before it: no value before
     * it can then hold an unescaped quote. (A base64 body never starts with a stamp: '|' is not in its
     * alphabet.)
     */
    static FanoutPayload.Stamp textStamp(String frame) {
        int key = frame.indexOf(BODY_KEY);
        int value = key + BODY_KEY.length();
        if (key < 0 || value >= frame.length() || frame.charAt(value) != '"') {
            return null;
        }
        for (int i = 1; i < key; i++) {
            if (frame.charAt(i) == '{' || frame.charAt(i) == '[') {
                return null;
            }
        }
        return FanoutPayload.parse(frame, value + 1);
    }
}
