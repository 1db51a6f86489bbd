package io.rtc.common.signalr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.netty.buffer.Unpooled;

/** Whatever a MessagePack record gets wrong is an InvalidMessageException, never anything else, and costs little. */
class MalformedMessagePackTest {

    private static final HubProtocol PACK = HubProtocol.messagePack();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty record                | ''                                  | Message is empty.",
            "not an array                | 01                                  | Message is not a MessagePack array.",
            "a map, not an array         | 81 a1 61 01                         | Message is not a MessagePack array.",
            "empty array                 | 90                                  | Message is an empty array",
            "type not an integer         | 91 a1 31                            | Missing or invalid 'type' property",
            "type a float                | 91 ca 3f 80 00 00                   | Missing or invalid 'type' property",
            "type beyond 64 bits         | 91 cf ff ff ff ff ff ff ff ff       | Missing or invalid 'type' property",
            "invocation too short        | 94 01 80 c0 a1 6d                   | Invalid payload for Invocation message: 4 elements, at least 5",
            "stream invocation too short | 92 04 80                            | Invalid payload for StreamInvocation message",
            "stream item too short       | 93 02 80 a1 31                      | Invalid payload for StreamItem message",
            "completion too short        | 93 03 80 a1 31                      | Invalid payload for Completion message",
            "error completion, no error  | 94 03 80 a1 31 01                   | Invalid payload for Completion message",
            "result completion, no value | 94 03 80 a1 31 03                   | Invalid payload for Completion message",
            "cancel too short            | 92 05 80                            | Invalid payload for CancelInvocation message",
            "close too short             | 91 07                               | Invalid payload for Close message",
            "ack too short               | 91 08                               | Invalid payload for Ack message",
            "sequence too short          | 91 09                               | Invalid payload for Sequence message",
            "headers not a map           | 95 01 90 c0 a1 6d 90                | Expected 'headers' to be a map of strings.",
            "header value not a string   | 95 01 81 a1 78 2a c0 a1 6d 90       | Expected 'headers' to be a map of strings.",
            "header name not a string    | 95 01 81 01 a1 78 c0 a1 6d 90       | Expected 'headers' to be a map of strings.",
            "invocation id not a string  | 95 01 80 2a a1 6d 90                | Expected 'invocationId' to be of type String.",
            "stream invocation without id| 95 04 80 c0 a1 6d 90                | Expected 'invocationId' to be of type String.",
            "completion id nil           | 94 03 80 c0 02                      | Expected 'invocationId' to be of type String.",
            "target not a string         | 95 01 80 c0 2a 90                   | Expected 'target' to be of type String.",
            "target nil                  | 95 01 80 c0 c0 90                   | Expected 'target' to be of type String.",
            "arguments not an array      | 95 01 80 c0 a1 6d 80                | Expected 'arguments' to be of type Array.",
            "stream ids not strings      | 96 01 80 c0 a1 6d 90 91 01          | Expected 'streamIds' to be an array of strings.",
            "stream ids not an array     | 96 01 80 c0 a1 6d 90 a1 31          | Expected 'streamIds' to be an array of strings.",
            "result kind unknown         | 94 03 80 a1 31 07                   | Invalid result kind '7'",
            "result kind not an integer  | 94 03 80 a1 31 a1 31                | Expected the result kind",
            "completion error not string | 95 03 80 a1 31 01 2a                | Expected 'error' to be of type String.",
            "close error not a string    | 92 07 2a                            | Expected 'error' to be of type String.",
            "allowReconnect not a bool   | 93 07 c0 01                         | Expected 'allowReconnect' to be of type Boolean.",
            "sequence id not an integer  | 92 08 a1 31                         | Missing or invalid 'sequenceId' property",
            "sequence id beyond a long   | 92 09 cf ff ff ff ff ff ff ff ff    | Missing or invalid 'sequenceId' property",
            "unknown type                | 91 2a                               | Unknown message type '42'.",
            "unknown type, big           | 92 ce 7f ff ff ff c0                | Unknown message type '2147483647'.",
            "trailing garbage            | 91 06 00                            | Message has 1 bytes after its MessagePack array.",
            "two arrays in one record    | 91 06 91 06                         | Message has 2 bytes after its MessagePack array.",
            "array cut short             | 92 01                               | Message is truncated",
            "string cut short            | 95 01 80 c0 a5 6d 65                | Message is truncated",
            "int cut short               | 95 01 80 c0 a1 6d 91 cd 01          | Message is truncated",
            "huge string declared        | 96 01 80 c0 db 7f ff ff ff          | Message is truncated",
            "huge binary declared        | 95 01 80 c0 a1 6d 91 c6 7f ff ff ff | Message is truncated",
            "huge array declared         | 95 01 80 c0 a1 6d dd 7f ff ff ff    | Message is truncated",
            "huge map declared           | 95 01 80 c0 a1 6d 91 df 7f ff ff ff | Message is truncated",
            "huge headers declared       | 95 01 df 7f ff ff ff                | Message is truncated",
            "huge extension declared     | 95 01 80 c0 a1 6d 91 c9 7f ff ff ff 01 | Message is truncated",
            "array count over 2^31-1     | dd ff ff ff ff                      | Message is not valid MessagePack",
            "string length over 2^31-1   | 95 01 80 c0 db ff ff ff ff 90       | Message is not valid MessagePack",
            "never-used byte 0xc1        | 95 01 80 c0 a1 6d 91 c1 90          | Message is not valid MessagePack",
            "string not UTF-8            | 95 01 80 c0 a2 c3 28 90             | Message contains a string that is not valid UTF-8.",
            "argument string not UTF-8   | 95 01 80 c0 a1 6d 91 a1 ff          | Message contains a string that is not valid UTF-8.",
            "timestamp of a bad length   | 95 01 80 c0 a1 6d 91 d5 ff 00 00    | Message is not valid MessagePack",
            "timestamp beyond Instant    | 95 01 80 c0 a1 6d 91 c7 0c ff 00 00 00 00 7f ff ff ff ff ff ff ff | Message is not valid MessagePack",
    })
    void isAnInvalidMessage(String name, String payload, String error) {
        assertThatThrownBy(() -> PACK.parse(Hex.buf(payload))).isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith(error);
    }

    @Test
    void anUnknownTypeCanBeToldApart() {
        assertThatThrownBy(() -> PACK.parse(Hex.buf("91 2a"))).isInstanceOf(UnknownMessageTypeException.class)
                .satisfies(e -> assertThat(((UnknownMessageTypeException) e).type()).isEqualTo(42));
    }

    @Test
    void valuesNestedTooDeepAreRefusedBeforeTheStackIs() {
        String deep = "95 01 80 c0 a1 6d 91" + " 91".repeat(100_000) + " c0";
        assertThatThrownBy(() -> PACK.parse(Hex.buf(deep))).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("nests values more than 500 deep");
        String maps = "95 01 80 c0 a1 6d 91" + " 81 c0".repeat(600) + " c0";
        assertThatThrownBy(() -> PACK.parse(Hex.buf(maps))).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void elementsAfterTheKnownOnesAreSkippedAsLaterVersionsMayAddSome() throws Exception {
        assertThat(PACK.parse(Hex.buf("93 06 a1 78 91 01"))).isEqualTo(Ping.INSTANCE);
        assertThat(PACK.parse(Hex.buf("94 07 c0 c2 81 a1 61 01"))).isEqualTo(new Close(null, false));
        assertThat(PACK.parse(Hex.buf("95 03 80 a1 31 02 c0"))).isEqualTo(Completion.empty("1"));
        assertThat(PACK.parse(Hex.buf("97 01 80 c0 a1 6d 90 90 2a"))).isEqualTo(Invocation.of("m"));
        assertThat(PACK.parse(Hex.buf("93 08 01 02"))).isEqualTo(new Ack(1));
    }

    @Test
    void nilWhereTheProtocolAllowsItMeansNone() throws Exception {
        assertThat(PACK.parse(Hex.buf("95 01 c0 c0 a1 6d 90"))).isEqualTo(Invocation.of("m"));
        assertThat(PACK.parse(Hex.buf("93 07 c0 c0"))).isEqualTo(new Close(null, false));
    }

    /** Every truncation and every one-byte change of valid records: an InvalidMessageException or a message, nothing else. */
    @Test
    void mangledRecordsNeverThrowAnythingElse() {
        List<byte[]> bodies = new ArrayList<>();
        for (HubMessage message : Samples.all()) {
            byte[] record = PACK.write(message);
            int prefix = 1;
            while ((record[prefix - 1] & 0x80) != 0) {
                prefix++;
            }
            bodies.add(java.util.Arrays.copyOfRange(record, prefix, record.length));
        }
        int parsed = 0;
        for (byte[] body : bodies) {
            for (int length = 0; length < body.length; length++) {
                parsed += tryParse(java.util.Arrays.copyOf(body, length));
            }
            for (int at = 0; at < Math.min(body.length, 40); at++) {
                for (int value = 0; value < 256; value++) {
                    byte[] mangled = body.clone();
                    mangled[at] = (byte) value;
                    parsed += tryParse(mangled);
                }
            }
        }
        assertThat(parsed).isPositive();
    }

    private static int tryParse(byte[] body) {
        try {
            PACK.parse(Unpooled.wrappedBuffer(body));
            return 1;
        } catch (InvalidMessageException e) {
            return 0;
        }
    }
}
