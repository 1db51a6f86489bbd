package io.rtc.chat.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboundSequenceTest {

    @Test
    void messagesResentAfterAReconnectAreIgnored() {
        InboundSequence inbound = new InboundSequence();
        assertThat(inbound.accept()).isTrue(); // 1
        assertThat(inbound.accept()).isTrue(); // 2
        assertThat(inbound.accept()).isTrue(); // 3

        // the client had 2 and 3 unacknowledged: it resends them from 2, then sends 4
        assertThat(inbound.reset(2)).isTrue();
        assertThat(inbound.accept()).as("2 again").isFalse();
        assertThat(inbound.accept()).as("3 again").isFalse();
        assertThat(inbound.accept()).as("4 is new").isTrue();
    }

    @Test
    void aSequenceThatWouldSkipMessagesIsRefused() {
        InboundSequence inbound = new InboundSequence();
        inbound.accept();
        assertThat(inbound.reset(3)).isFalse();
        assertThat(inbound.reset(2)).isTrue();
        assertThat(inbound.reset(0)).isFalse();
    }

    @Test
    void acknowledgesOnlyWhatIsNew() {
        InboundSequence inbound = new InboundSequence();
        assertThat(inbound.toAcknowledge()).isEqualTo(-1);
        inbound.accept();
        inbound.accept();
        assertThat(inbound.toAcknowledge()).isEqualTo(2);
        assertThat(inbound.toAcknowledge()).isEqualTo(-1);
    }
}
