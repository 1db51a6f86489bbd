package io.rtc.cli.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamFramesTest {

    @Test
    void theBodyOfAFrame() {
        assertThat(StreamFrames.human("{\"id\":\"1\",\"timestamp\":\"t\",\"contentType\":\"text/plain\",\"body\":\"hi there\"}"))
                .isEqualTo(" [x] Received: hi there");
        assertThat(StreamFrames.human("{\"id\":null,\"contentType\":\"application/json\",\"body\":\"{\\\"a\\\":1}\"}"))
                .isEqualTo(" [x] Received: {\"a\":1}");
    }

    @Test
    void aBodyEmbeddedAsJsonIsPrintedAsJson() {
        assertThat(StreamFrames.human("{\"id\":\"1\",\"body\":{\"a\":[1,2]}}")).isEqualTo(" [x] Received: {\"a\":[1,2]}");
    }

    @Test
    void aBase64BodyIsMarked() {
        assertThat(StreamFrames.human("{\"id\":\"1\",\"body\":\"/wA=\",\"encoding\":\"base64\"}"))
                .isEqualTo(" [x] Received (base64): /wA=");
    }

    @Test
    void anythingElseIsShownAsItCame() {
        assertThat(StreamFrames.human("plain text")).isEqualTo(" [x] Received: plain text");
        assertThat(StreamFrames.human("[1,2]")).isEqualTo(" [x] Received: [1,2]");
        assertThat(StreamFrames.human("{\"id\":\"1\"}")).isEqualTo(" [x] Received: {\"id\":\"1\"}");
    }

    @Test
    void jsonLinesStayOneLine() {
        assertThat(StreamFrames.jsonLine("{\"id\":\"1\",\"body\":\"x\"}")).isEqualTo("{\"id\":\"1\",\"body\":\"x\"}");
        assertThat(StreamFrames.jsonLine("{\n \"id\": \"1\"\n}")).isEqualTo("{\"id\":\"1\"}");
        assertThat(StreamFrames.jsonLine("not\njson")).isEqualTo("\"not\\njson\"");
    }
}
