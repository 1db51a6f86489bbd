package io.rtc.cli.signalr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamParserTest {

    private final EventStreamParser parser = new EventStreamParser(64);
    private final List<String> events = new ArrayList<>();

    private void feed(String... chunks) {
        for (String chunk : chunks) {
            parser.feed(Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8),
                    data -> events.add(data.toString(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void dataLinesUpToAnEmptyLineAreOneEventJoinedByLineFeeds() {
        feed("data: {\"type\":6}\u001e\r\n\r\n", "data: a\ndata:b\n\n");

        assertThat(events).containsExactly("{\"type\":6}\u001e", "a\nb");
    }

    @Test
    void anyLineEndingAndChunksCutAnywhereIncludingInsideCrLf() {
        feed("da", "ta: one\r", "\n\r", "\ndata: two\r\rdata: thr", "ee\n", "\n");

        assertThat(events).containsExactly("one", "two", "three");
    }

    @Test
    void commentsOtherFieldsAndEventsWithoutDataAreSkipped() {
        feed(":\r\n", ": keep-alive\n\n", "event: x\nid: 7\nretry: 10\ndata: kept\n\n", "\n\n");

        assertThat(events).containsExactly("kept");
    }

    @Test
    void anEventOverTheLimitFails() {
        assertThatThrownBy(() -> feed("data: " + "x".repeat(40) + "\ndata: " + "y".repeat(40) + "\n"))
                .isInstanceOf(HubException.class).hasMessageContaining("64 bytes");
    }
}
