package io.rtc.cli.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class EchoPayloadTest {

    @Test
    void textMessageHasExactSizeAndEmbedsTheSequenceNumber() {
        EchoPayload payload = new EchoPayload(64, false);

        String message = payload.text(0x1a2bL);

        assertEquals(64, message.length());
        assertTrue(message.startsWith("00001a2b"), message);
        assertEquals(EchoPayload.TEXT_PREFIX.length() + 64, payload.replyLength());
    }

    @Test
    void theCorrectReplyMatchesWholeOrSplitIntoFrames() {
        EchoPayload payload = new EchoPayload(100, false);
        String reply = EchoPayload.TEXT_PREFIX + payload.text(7);

        assertTrue(payload.matches(Buffer.buffer(reply), 0, 7));
        assertTrue(payload.matches(Buffer.buffer(reply.substring(0, 30)), 0, 7));
        assertTrue(payload.matches(Buffer.buffer(reply.substring(30)), 30, 7));
    }

    @Test
    void aReplyToAnotherMessageOrWithAChangedByteDoesNotMatch() {
        EchoPayload payload = new EchoPayload(64, false);
        String reply = EchoPayload.TEXT_PREFIX + payload.text(7);

        assertFalse(payload.matches(Buffer.buffer(reply), 0, 8), "sequence number differs");
        assertFalse(payload.matches(Buffer.buffer(reply.replace("Server", "server")), 0, 7));
        assertFalse(payload.matches(Buffer.buffer(reply.substring(0, 40) + "X" + reply.substring(41)), 0, 7));
        assertFalse(payload.matches(Buffer.buffer(reply + "!"), 0, 7), "longer than expected");
    }

    @Test
    void binaryRepliesAreTheSameBytesWithoutPrefix() {
        EchoPayload payload = new EchoPayload(32, true);

        Buffer message = payload.binary(42);

        assertEquals(32, message.length());
        assertEquals(32, payload.replyLength());
        assertTrue(payload.matches(message, 0, 42));
        assertFalse(payload.matches(message, 0, 43));
    }
}
