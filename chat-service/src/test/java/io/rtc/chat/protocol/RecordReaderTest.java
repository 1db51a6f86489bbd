package io.rtc.chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;

class RecordReaderTest {

    private final RecordReader reader = new RecordReader(16);
    private final List<String> records = new ArrayList<>();

    private void feed(byte[] bytes) throws InvalidMessageException {
        reader.feed(Unpooled.wrappedBuffer(bytes), records::add);
    }

    private void feed(String text) throws InvalidMessageException {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsSeveralRecordsOfOneFrame() throws Exception {
        feed("{\"a\":1}\u001e{\"b\":2}\u001e");
        assertThat(records).containsExactly("{\"a\":1}", "{\"b\":2}");
        assertThat(reader.hasPartialRecord()).isFalse();
    }

    @Test
    void joinsARecordSplitInsideAMultiByteCharacter() throws Exception {
        byte[] bytes = "\"é☕\"\u001e".getBytes(StandardCharsets.UTF_8);
        feed(java.util.Arrays.copyOfRange(bytes, 0, 2));
        assertThat(reader.hasPartialRecord()).isTrue();
        feed(java.util.Arrays.copyOfRange(bytes, 2, bytes.length));
        assertThat(records).containsExactly("\"é☕\"");
    }

    @Test
    void refusesARecordOverTheLimitEvenBeforeItEnds() throws Exception {
        feed("0123456789");
        assertThatThrownBy(() -> feed("0123456789")).isInstanceOf(RecordReader.MessageTooLargeException.class)
                .hasMessageContaining("16B");
    }

    @Test
    void acceptsARecordExactlyAtTheLimit() throws Exception {
        feed("0123456789abcdef\u001e");
        assertThat(records).containsExactly("0123456789abcdef");
    }

    @Test
    void refusesInvalidUtf8() {
        assertThatThrownBy(() -> feed(new byte[] { (byte) 0xC3, 0x28, 0x1e })).hasMessageContaining("UTF-8");
    }
}
