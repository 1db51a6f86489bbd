package io.rtc.chat.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.rtc.chat.relay.RelayEnvelope.Answer;
import io.rtc.chat.relay.RelayEnvelope.Call;

/** The relay's wire format: every byte of a body comes back, and anything that is not an envelope is refused, never misread. */
class RelayEnvelopeTest {

    /** Every byte value, MessagePack-like: record separators, NULs, invalid UTF-8. */
    private static final byte[] BINARY = allBytes();

    @Test
    void aCallComesBackAsItWasSent() {
        for (RelayRequest.Kind kind : RelayRequest.Kind.values()) {
            Call call = new Call(Long.MIN_VALUE + 7, "instance-ä✓", new RelayRequest(kind, "conn-ü/?&=1", BINARY));

            Call decoded = (Call) RelayEnvelope.decode(call.encode());

            assertThat(decoded.id()).isEqualTo(call.id());
            assertThat(decoded.replyTo()).isEqualTo("instance-ä✓");
            assertThat(decoded.request().kind()).isEqualTo(kind);
            assertThat(decoded.request().connectionId()).isEqualTo("conn-ü/?&=1");
            assertThat(decoded.request().body()).isEqualTo(BINARY);
        }
    }

    @Test
    void anAnswerComesBackWithOrWithoutAContentType() {
        Answer withType = new Answer(42, new RelayReply(200, "application/x-msgpack", BINARY));
        Answer withoutType = new Answer(-1, new RelayReply(204, null, null));

        Answer decoded = (Answer) RelayEnvelope.decode(withType.encode());
        Answer decodedEmpty = (Answer) RelayEnvelope.decode(withoutType.encode());

        assertThat(decoded.id()).isEqualTo(42);
        assertThat(decoded.reply().status()).isEqualTo(200);
        assertThat(decoded.reply().contentType()).isEqualTo("application/x-msgpack");
        assertThat(decoded.reply().body()).isEqualTo(BINARY);
        assertThat(decodedEmpty.id()).isEqualTo(-1);
        assertThat(decodedEmpty.reply().status()).isEqualTo(204);
        assertThat(decodedEmpty.reply().contentType()).isNull();
        assertThat(decodedEmpty.reply().body()).isEmpty();
    }

    @Test
    void everyTruncationAndAnyTrailingByteIsRefused() {
        byte[] call = new Call(1, "a", new RelayRequest(RelayRequest.Kind.POLL, "c", BINARY)).encode();
        byte[] answer = new Answer(1, RelayReply.of(404, "gone")).encode();
        for (byte[] whole : new byte[][] { call, answer }) {
            for (int length = 0; length < whole.length; length++) {
                byte[] cut = Arrays.copyOf(whole, length);
                assertThatThrownBy(() -> RelayEnvelope.decode(cut)).as("first %d of %d bytes", length, whole.length)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            byte[] longer = Arrays.copyOf(whole, whole.length + 1);
            assertThatThrownBy(() -> RelayEnvelope.decode(longer)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("after the envelope");
        }
    }

    @Test
    void badTagsKindsStatusesAndLengthsAreRefused() {
        byte[] call = new Call(1, "a", new RelayRequest(RelayRequest.Kind.SEND, "c", new byte[] { 9 })).encode();
        byte[] answer = new Answer(1, new RelayReply(200, null, new byte[0])).encode();

        assertThatThrownBy(() -> RelayEnvelope.decode(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RelayEnvelope.decode(with(call, 0, (byte) 7))).hasMessageContaining("unknown tag");
        assertThatThrownBy(() -> RelayEnvelope.decode(with(call, 1 + 8 + 4 + 1, (byte) 3))).hasMessageContaining("kind");
        assertThatThrownBy(() -> RelayEnvelope.decode(withInt(answer, 1 + 8, 99))).hasMessageContaining("status");
        assertThatThrownBy(() -> RelayEnvelope.decode(withInt(call, 1 + 8, -1))).hasMessageContaining("length -1");
        assertThatThrownBy(() -> RelayEnvelope.decode(withInt(call, 1 + 8, Integer.MAX_VALUE))).hasMessageContaining("length");
        // -1 means "no content type" only where a content type stands
        assertThatThrownBy(() -> RelayEnvelope.decode(withInt(answer, answer.length - 4, -1))).hasMessageContaining("length -1");
        assertThatThrownBy(() -> RelayEnvelope.decode("{\"type\":1}\u001e".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomBytesNeverThrowAnythingButIllegalArgument() {
        Random random = new Random(20240611);
        for (int i = 0; i < 20_000; i++) {
            byte[] noise = new byte[random.nextInt(40)];
            random.nextBytes(noise);
            if (noise.length > 0 && random.nextBoolean()) {
                noise[0] = random.nextBoolean() ? RelayEnvelope.CALL : RelayEnvelope.ANSWER;
            }
            try {
                RelayEnvelope.decode(noise);
            } catch (IllegalArgumentException expected) {
                // refused, as it should be; anything else fails the test
            }
        }
    }

    private static byte[] with(byte[] bytes, int at, byte value) {
        byte[] copy = bytes.clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] withInt(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(at, value);
        return copy;
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
