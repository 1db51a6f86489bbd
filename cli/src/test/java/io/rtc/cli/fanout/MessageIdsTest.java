package io.rtc.cli.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void theServersCharacterSetAndLength() {
        assertThat(MessageIds.valid("a")).isTrue();
        assertThat(MessageIds.valid("bk3v9x2q-1-2047")).isTrue();
        assertThat(MessageIds.valid("A.Z_0:9-x")).isTrue();
        assertThat(MessageIds.valid("x".repeat(128))).isTrue();
        assertThat(MessageIds.valid("x".repeat(129))).isFalse();
        assertThat(MessageIds.valid("")).isFalse();
        assertThat(MessageIds.valid(null)).isFalse();
        assertThat(MessageIds.valid("a b")).isFalse();
        assertThat(MessageIds.valid("a/b")).isFalse();
        assertThat(MessageIds.valid("é")).isFalse();
    }

    @Test
    void newIdsAreVersion7UuidsThatAreValidMessageIds() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = MessageIds.newId();
            assertThat(MessageIds.valid(id)).isTrue();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void theTimestampComesFirstSoIdsSortByTime() {
        UUID early = MessageIds.uuid7(1_700_000_000_000L, -1, -1);
        UUID late = MessageIds.uuid7(1_700_000_000_001L, 0, 0);
        assertThat(early.toString()).isLessThan(late.toString());
        assertThat(early.getMostSignificantBits() >>> 16).isEqualTo(1_700_000_000_000L);
    }
}
