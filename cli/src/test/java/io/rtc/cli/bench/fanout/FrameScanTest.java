package io.rtc.cli.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameScanTest {

    private final BenchIds ids = new BenchIds("k3v9x2q");

    private static String frame(String id, String body) {
        return "{\"id\":\"" + id + "\",\"timestamp\":\"2026-12-04T19:38:00.531Z\",\"contentType\":\"text/plain\","
                + "\"body\":" + body + "}";
    }

    @Test
    void readsOurIdAndStampFromAStreamFrame() {
        String frame = frame("bk3v9x2q-1-2047", "\"m|81234567890123|1795147262345123|abcdef\"");
        assertThat(FrameScan.leadingKey(ids, frame)).isEqualTo(BenchIds.key(1, 2047));
        assertThat(FrameScan.textStamp(frame)).isEqualTo(new FanoutPayload.Stamp(true, 81234567890123L, 1795147262345123L));
        assertThat(FrameScan.leadingKey(ids, "{\"id\":\"bk3v9x2q-0-5\"}")).isEqualTo(BenchIds.key(0, 5));
    }

    @Test
    void leavesEverythingElseToTheJsonParser() {
        // Another publisher's id, an id not first, an escape, an incomplete object.
        assertThat(FrameScan.leadingKey(ids, frame("0193f2c4-7b1e", "\"m|1|2|\""))).isEqualTo(-1);
        assertThat(FrameScan.leadingKey(ids, "{\"timestamp\":\"x\",\"id\":\"bk3v9x2q-1-2\"}")).isEqualTo(-1);
        assertThat(FrameScan.leadingKey(ids, "{\"id\":\"bk3v9x2q-1-2\\\"\"}")).isEqualTo(-1);
        assertThat(FrameScan.leadingKey(ids, "{\"id\":\"bk3v9x2q-1-2\",\"body\":\"m|1|2|")).isEqualTo(-1);
        assertThat(FrameScan.leadingKey(ids, "{\"id\":null}")).isEqualTo(-1);
        // A JSON body (escaped in a string, or embedded as an object), base64, no body, an object before the body.
        assertThat(FrameScan.textStamp(frame("bk3v9x2q-1-2", "\"{\\\"stamp\\\":\\\"m|1|2|\\\"}\""))).isNull();
        assertThat(FrameScan.textStamp(frame("bk3v9x2q-1-2", "{\"body\":\"m|1|2|\"}"))).isNull();
        assertThat(FrameScan.textStamp(frame("bk3v9x2q-1-2", "\"bXwxfDJ8\",\"encoding\":\"base64\""))).isNull();
        assertThat(FrameScan.textStamp(frame("bk3v9x2q-1-2", "null"))).isNull();
        assertThat(FrameScan.textStamp("{\"id\":\"bk3v9x2q-1-2\",\"meta\":{\"body\":\"m|1|2|\"},\"body\":\"hello\"}"))
                .isNull();
        assertThat(FrameScan.textStamp(frame("bk3v9x2q-1-2", "\"m|1|x\",\"publisher\":\"|2|\""))).isNull();
    }
}
