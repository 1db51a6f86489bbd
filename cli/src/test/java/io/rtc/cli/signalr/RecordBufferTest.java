package io.rtc.cli.signalr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordBufferTest {

    private static final String RS = "\u001e";
    private final RecordBuffer buffer = new RecordBuffer();

    @Test
    void oneRecordPerFrame() {
        assertThat(buffer.append("{}" + RS)).containsExactly("{}");
        assertThat(buffer.pending()).isZero();
    }

    @Test
    void severalRecordsBatchedInOneFrame() {
        assertThat(buffer.append("{}" + RS + "{\"type\":6}" + RS + "{\"type\":3,\"invocationId\":\"1\"}" + RS))
                .containsExactly("{}", "{\"type\":6}", "{\"type\":3,\"invocationId\":\"1\"}");
    }

    @Test
    void aRecordSplitOverFramesIsJoined() {
        assertThat(buffer.append("{\"type\":1,\"tar")).isEmpty();
        assertThat(buffer.pending()).isEqualTo(14);
        assertThat(buffer.append("get\":\"X\",\"arguments\":[]}")).isEmpty();
        assertThat(buffer.append(RS + "{\"type\":6}" + RS + "{\"ty"))
                .containsExactly("{\"type\":1,\"target\":\"X\",\"arguments\":[]}", "{\"type\":6}");
        assertThat(buffer.append("pe\":6}" + RS)).containsExactly("{\"type\":6}");
        assertThat(buffer.pending()).isZero();
    }

    @Test
    void aFrameWithoutSeparatorYieldsNothingYet() {
        assertThat(buffer.append("")).isEmpty();
        assertThat(buffer.append("{")).isEmpty();
        assertThat(buffer.append("}" + RS)).containsExactly("{}");
    }
}
