package io.rtc.cli.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rtc.cli.fanout.MessageIds;
import org.junit.jupiter.api.Test;

class BenchIdsTest {

    private final BenchIds ids = new BenchIds("k3v9x2q");

    @Test
    void idsRoundTripAndAreValidMessageIds() {
        String id = ids.id(1, 2047);
        assertThat(id).isEqualTo("bk3v9x2q-1-2047");
        assertThat(MessageIds.valid(id)).isTrue();
        long key = ids.parse(id);
        assertThat(BenchIds.shard(key)).isEqualTo(1);
        assertThat(BenchIds.seq(key)).isEqualTo(2047);
        assertThat(ids.parse(ids.id(63, Integer.MAX_VALUE))).isEqualTo(BenchIds.key(63, Integer.MAX_VALUE));
        assertThat(ids.parse(ids.id(0, 0))).isZero();
    }

    @Test
    void otherIdsAreForeign() {
        assertThat(ids.parse(null)).isEqualTo(-1);
        assertThat(ids.parse("0193f2c4-7b1e-7cc0-8f00-000000000000")).isEqualTo(-1);
        assertThat(ids.parse("bother-1-2")).isEqualTo(-1);
        assertThat(ids.parse("bk3v9x2q-1")).isEqualTo(-1);
        assertThat(ids.parse("bk3v9x2q--2")).isEqualTo(-1);
        assertThat(ids.parse("bk3v9x2q-1-")).isEqualTo(-1);
        assertThat(ids.parse("bk3v9x2q-1-2x")).isEqualTo(-1);
        assertThat(ids.parse("bk3v9x2q-1-02")).isEqualTo(-1);
        assertThat(ids.parse("bk3v9x2q-1-99999999999")).isEqualTo(-1);
        assertThat(ids.parse("bk3v9x2q-1-2-3")).isEqualTo(-1);
    }

    @Test
    void anIdInsideATextParsesWhereItIs() {
        String frame = "{\"id\":\"bk3v9x2q-1-2047\",\"body\":\"x\"}";
        assertThat(ids.parse(frame, 7, 22)).isEqualTo(BenchIds.key(1, 2047));
        assertThat(ids.parse(frame, 7, 21)).isEqualTo(BenchIds.key(1, 204));
        assertThat(ids.parse(frame, 7, 16)).isEqualTo(-1);
        assertThat(ids.parse(frame, 6, 22)).isEqualTo(-1);
    }

    @Test
    void theRunTagIsLettersAndDigits() {
        assertThatThrownBy(() -> new BenchIds("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BenchIds("a-b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BenchIds("x".repeat(33))).isInstanceOf(IllegalArgumentException.class);
        assertThat(MessageIds.valid(new BenchIds("x".repeat(32)).id(63, Integer.MAX_VALUE))).isTrue();
    }
}
