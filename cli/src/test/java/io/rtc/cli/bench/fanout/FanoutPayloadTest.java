package io.rtc.cli.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtc.cli.json.JsonText;
import org.junit.jupiter.api.Test;

class FanoutPayloadTest {

    @Test
    void aTextBodyIsExactlyTheSizeAndCarriesItsStamp() {
        FanoutPayload payload = new FanoutPayload(100, false);
        String text = payload.text(true, 81234567890123L, 1795147262345123L);
        assertThat(text).hasSize(100).startsWith("m|81234567890123|1795147262345123|abc");
        assertThat(payload.body(true, 1, 2).length()).isEqualTo(100);
        assertThat(FanoutPayload.parse(text)).isEqualTo(new FanoutPayload.Stamp(true, 81234567890123L, 1795147262345123L));
        assertThat(FanoutPayload.parse(payload.text(false, -5, 7))).isEqualTo(new FanoutPayload.Stamp(false, -5, 7));
    }

    @Test
    void aJsonBodyIsAnObjectOfTheSize() {
        FanoutPayload payload = new FanoutPayload(120, true);
        String text = payload.text(true, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(text).hasSize(120);
        assertThat(JsonText.parse(text).get("stamp").asText()).startsWith("m|");
        assertThat(FanoutPayload.parse(text)).isEqualTo(new FanoutPayload.Stamp(true, Long.MIN_VALUE, Long.MAX_VALUE));
        // A server that embeds the JSON body as an object: the stamp field alone.
        assertThat(FanoutPayload.parse(JsonText.parse(text).get("stamp").asText()))
                .isEqualTo(new FanoutPayload.Stamp(true, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void theSmallestSizesHoldTheLargestStamps() {
        String text = new FanoutPayload(FanoutPayload.MIN_TEXT_SIZE, false).text(true, Long.MIN_VALUE, Long.MIN_VALUE);
        assertThat(text).hasSizeLessThanOrEqualTo(FanoutPayload.MIN_TEXT_SIZE);
        String json = new FanoutPayload(FanoutPayload.MIN_JSON_SIZE, true).text(true, Long.MIN_VALUE, Long.MIN_VALUE);
        assertThat(json).hasSizeLessThanOrEqualTo(FanoutPayload.MIN_JSON_SIZE);
        assertThat(JsonText.parse(json).isObject()).isTrue();
        assertThatThrownBy(() -> new FanoutPayload(FanoutPayload.MIN_TEXT_SIZE - 1, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FanoutPayload(64 * 1024 + 1, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStampIsReadWhereItStarts() {
        String text = new FanoutPayload(100, false).text(true, 81234567890123L, 1795147262345123L);
        assertThat(FanoutPayload.parse("\"body\":\"" + text + "\"}", 8))
                .isEqualTo(new FanoutPayload.Stamp(true, 81234567890123L, 1795147262345123L));
        assertThat(FanoutPayload.parse("xx" + new FanoutPayload(120, true).text(false, 1, 2), 2))
                .isEqualTo(new FanoutPayload.Stamp(false, 1, 2));
    }

    @Test
    void otherBodiesHaveNoStamp() {
        assertThat(FanoutPayload.parse(null)).isNull();
        assertThat(FanoutPayload.parse("hello")).isNull();
        assertThat(FanoutPayload.parse("m|12|")).isNull();
        assertThat(FanoutPayload.parse("m|x|1|")).isNull();
        assertThat(FanoutPayload.parse("q|1|2|abc")).isNull();
        assertThat(FanoutPayload.parse("{\"source\":\"chat-service\"}")).isNull();
    }

    @Test
    void jsonContentTypes() {
        assertThat(FanoutPayload.isJson("application/json")).isTrue();
        assertThat(FanoutPayload.isJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(FanoutPayload.isJson("application/vnd.api+json")).isTrue();
        assertThat(FanoutPayload.isJson("text/plain")).isFalse();
    }
}
