package io.rtc.cli.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChatPayloadTest {

    private final ChatPayload payload = new ChatPayload(64);

    @Test
    void stampRoundTripsAtTheExactSize() {
        String text = payload.text(true, 17, 123_456, -9_000_000_000L);

        assertThat(text).hasSize(64).startsWith("m|17|123456|-9000000000|a");
        assertThat(payload.parse(text)).isEqualTo(new ChatPayload.Stamp(true, 17, 123_456, -9_000_000_000L, true));
        assertThat(payload.parse(payload.text(false, 0, 0, 5)).measured()).isFalse();
    }

    @Test
    void largestHeaderStillFitsTheMinimumSize() {
        ChatPayload smallest = new ChatPayload(ChatPayload.MIN_SIZE);
        String text = smallest.text(true, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE);

        assertThat(text).hasSize(ChatPayload.MIN_SIZE);
        assertThat(smallest.parse(text).intact()).isTrue();
    }

    @Test
    void cutOrPaddedMessagesAreNotIntact() {
        String text = payload.text(true, 1, 2, 3);

        assertThat(payload.parse(text.substring(0, 40)).intact()).isFalse();
        assertThat(payload.parse(text + "x").intact()).isFalse();
    }

    @Test
    void otherTextIsForeign() {
        assertThat(payload.parse("hello")).isNull();
        assertThat(payload.parse("c1 has joined the room General")).isNull();
        assertThat(payload.parse("m|x|1|2|abcdef")).isNull();
        assertThat(payload.parse("m|1|2|3")).isNull();
    }

    @Test
    void sizeIsBounded() {
        assertThatThrownBy(() -> new ChatPayload(ChatPayload.MIN_SIZE - 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChatPayload(ChatPayload.MAX_SIZE + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
