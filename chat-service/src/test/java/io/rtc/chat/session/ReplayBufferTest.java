package io.rtc.chat.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class ReplayBufferTest {

    private static ByteBuf record(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static List<String> replayed(ReplayBuffer buffer) {
        List<String> out = new ArrayList<>();
        buffer.replay(view -> {
            out.add(view.toString(StandardCharsets.UTF_8));
            view.release();
        });
        return out;
    }

    @Test
    void keepsWhatWasNotAcknowledgedAndResendsItInOrder() {
        ReplayBuffer buffer = new ReplayBuffer(1000);
        ByteBuf first = record("one");
        buffer.add(first);
        buffer.add(record("two"));
        buffer.add(record("three"));
        assertThat(buffer.resendFrom()).isEqualTo(1);

        buffer.ack(1);
        assertThat(first.refCnt()).as("an acknowledged record is let go").isZero();
        assertThat(buffer.resendFrom()).isEqualTo(2);
        assertThat(replayed(buffer)).containsExactly("two", "three");
        assertThat(replayed(buffer)).as("a replay keeps the records for the next one").containsExactly("two", "three");

        buffer.ack(3);
        assertThat(replayed(buffer)).isEmpty();
        assertThat(buffer.resendFrom()).as("the next record's id when all were acknowledged").isEqualTo(4);
        assertThat(buffer.bytes()).isZero();
    }

    @Test
    void saysWhenItHoldsMoreThanItsBound() {
        ReplayBuffer buffer = new ReplayBuffer(6);
        assertThat(buffer.add(record("abc"))).isTrue();
        assertThat(buffer.add(record("def"))).isTrue();
        assertThat(buffer.add(record("g"))).isFalse();
        buffer.ack(2);
        assertThat(buffer.bytes()).isEqualTo(1);
    }

    @Test
    void anAckBeyondWhatWasSentAcknowledgesEverything() {
        ReplayBuffer buffer = new ReplayBuffer(100);
        ByteBuf only = record("x");
        buffer.add(only);
        buffer.ack(99);
        assertThat(only.refCnt()).isZero();
        buffer.clear();
    }
}
