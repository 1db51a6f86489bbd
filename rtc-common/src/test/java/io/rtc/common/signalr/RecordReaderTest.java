package io.rtc.common.signalr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class RecordReaderTest {

    private static final List<HubMessage> MESSAGES = List.of(
            Invocation.of("ReceiveMessage", "zoë", "x".repeat(300)), Ping.INSTANCE, Completion.empty("1"),
            new Invocation(Map.of(), "2", "m", JsonNodeFactory.instance.arrayNode(), List.of()));

    @Test
    void recordsSplitAtAnyTwoPointsComeOutWhole() throws Exception {
        for (HubProtocol protocol : List.of(HubProtocol.json(), HubProtocol.messagePack())) {
            byte[] stream = concatenated(protocol);
            for (int first = 0; first <= stream.length; first += 7) {
                for (int second = first; second <= stream.length; second++) {
                    RecordReader reader = protocol.reader(1000);
                    List<HubMessage> read = new ArrayList<>();
                    feed(protocol, reader, stream, 0, first, read);
                    feed(protocol, reader, stream, first, second, read);
                    feed(protocol, reader, stream, second, stream.length, read);
                    assertThat(read).as("%s split at %d and %d", protocol, first, second).isEqualTo(MESSAGES);
                    assertThat(reader.pending()).isZero();
                }
            }
        }
    }

    @Test
    void recordsFedByteByByteComeOutWhole() throws Exception {
        for (HubProtocol protocol : List.of(HubProtocol.json(), HubProtocol.messagePack())) {
            byte[] stream = concatenated(protocol);
            RecordReader reader = protocol.reader(1000);
            List<HubMessage> read = new ArrayList<>();
            for (int i = 0; i < stream.length; i++) {
                feed(protocol, reader, stream, i, i + 1, read);
            }
            assertThat(read).isEqualTo(MESSAGES);
        }
    }

    @Test
    void severalRecordsInOneFeedAreSlicesOfIt() throws Exception {
        for (HubProtocol protocol : List.of(HubProtocol.json(), HubProtocol.messagePack())) {
            ByteBuf stream = Unpooled.wrappedBuffer(concatenated(protocol));
            assertThat(protocol.parseAll(stream, 1000)).isEqualTo(MESSAGES);
            assertThat(stream.refCnt()).isEqualTo(1);
            assertThat(stream.isReadable()).isFalse();
        }
    }

    @Test
    void theTextReaderEnforcesTheLimitWithOrWithoutTheSeparator() throws Exception {
        assertThat(records(HubProtocol.json().reader(10), "0123456789\u001e")).containsExactly("0123456789");
        assertThatThrownBy(() -> records(HubProtocol.json().reader(10), "0123456789A\u001e"))
                .isInstanceOf(MessageTooLargeException.class).hasMessage("The maximum message size of 10B was exceeded.");
        // no separator yet: the bytes held already exceed the limit
        assertThatThrownBy(() -> records(HubProtocol.json().reader(10), "01234567", "89A"))
                .isInstanceOf(MessageTooLargeException.class);
        assertThat(records(HubProtocol.json().reader(10), "\u001e\u001e")).containsExactly("", "");
    }

    @Test
    void theBinaryReaderRefusesAnOversizeLengthFromItsPrefixAlone() throws Exception {
        RecordReader reader = HubProtocol.messagePack().reader(100);
        assertThatThrownBy(() -> reader.feed(Hex.buf("e5 00"), record -> { }))
                .isInstanceOf(MessageTooLargeException.class).hasMessage("The maximum message size of 100B was exceeded.");
        assertThat(records(HubProtocol.messagePack().reader(100), "64" + "00".repeat(100))).hasSize(1);
        assertThatThrownBy(() -> HubProtocol.messagePack().reader(Integer.MAX_VALUE - 1).feed(Hex.buf("ff ff ff ff 07"), record -> { }))
                .isInstanceOf(MessageTooLargeException.class);
    }

    @Test
    void aBadLengthPrefixIsAnInvalidMessage() throws Exception {
        assertThatThrownBy(() -> HubProtocol.messagePack().reader(100).feed(Hex.buf("80 80 80 80 80 01"), record -> { }))
                .isInstanceOf(InvalidMessageException.class).hasMessage("The message's length prefix is longer than 5 bytes.");
        assertThatThrownBy(() -> HubProtocol.messagePack().reader(100).feed(Hex.buf("ff ff ff ff 08"), record -> { }))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("over 2147483647");
        RecordReader truncated = HubProtocol.messagePack().reader(100);
        truncated.feed(Hex.buf("80"), record -> { });
        assertThat(truncated.pending()).isEqualTo(1);
        assertThatThrownBy(truncated::end).isInstanceOf(InvalidMessageException.class)
                .hasMessage("The input ended inside a message's length prefix.");
        assertThatThrownBy(() -> HubProtocol.messagePack().parseAll(Hex.buf("05 91 06"), 100))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("ended inside a message");
        assertThatThrownBy(() -> HubProtocol.json().parseAll(Hex.utf8("{\"type\":6"), 100))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("ended inside a message");
    }

    @Test
    void aBodyPromisedLargeButDeliveredSmallIsBufferedOnlyAsItArrives() throws Exception {
        RecordReader reader = HubProtocol.messagePack().reader(Integer.MAX_VALUE);
        reader.feed(Hex.buf("ff ff ff ff 07 91 06"), record -> { });
        assertThat(reader.pending()).isEqualTo(2);
    }

    @Test
    void anEmptyBinaryRecordIsHandedOverAndThenRejectedByTheParser() throws Exception {
        assertThat(records(HubProtocol.messagePack().reader(100), "00")).containsExactly("");
        assertThat(records(HubProtocol.messagePack().reader(100), "00 02 91 06")).containsExactly("", "9106");
        assertThatThrownBy(() -> HubProtocol.messagePack().parseAll(Hex.buf("00"), 100)).hasMessage("Message is empty.");
    }

    @Test
    void theHandshakeReaderLeavesWhatFollowsForTheProtocolsReader() throws Exception {
        byte[] handshake = Handshake.request("messagepack", 1);
        byte[] ping = HubProtocol.messagePack().write(Ping.INSTANCE);
        for (int split = 0; split <= handshake.length + ping.length; split++) {
            byte[] stream = concat(handshake, ping);
            RecordReader first = Handshake.reader(1000);
            RecordReader then = HubProtocol.messagePack().reader(1000);
            List<Object> seen = new ArrayList<>();
            for (ByteBuf chunk : List.of(Unpooled.wrappedBuffer(stream, 0, split), Unpooled.wrappedBuffer(stream, split, stream.length - split))) {
                first.feed(chunk, record -> seen.add(Handshake.parseRequest(record)));
                then.feed(chunk, record -> seen.add(HubProtocol.messagePack().parse(record)));
            }
            assertThat(seen).as("split at %d", split).containsExactly(new Handshake.Request("messagepack", 1), Ping.INSTANCE);
        }
    }

    @Test
    void theHandshakeReaderHasALimitToo() {
        assertThatThrownBy(() -> records(Handshake.reader(5), "{\"protocol\":"))
                .isInstanceOf(MessageTooLargeException.class);
    }

    private static byte[] concatenated(HubProtocol protocol) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        MESSAGES.forEach(message -> stream.writeBytes(protocol.write(message)));
        return stream.toByteArray();
    }

    private static void feed(HubProtocol protocol, RecordReader reader, byte[] stream, int from, int to, List<HubMessage> read)
            throws InvalidMessageException {
        ByteBuf chunk = Unpooled.wrappedBuffer(stream, from, to - from);
        reader.feed(chunk, record -> read.add(protocol.parse(record)));
        assertThat(chunk.isReadable()).isFalse();
    }

    /** What the reader hands over for each chunk (text, or hex for binary hex chunks), as strings. */
    private static List<String> records(RecordReader reader, String... chunks) throws InvalidMessageException {
        boolean binary = reader instanceof BinaryRecordReader;
        List<String> records = new ArrayList<>();
        for (String chunk : chunks) {
            reader.feed(binary ? Hex.buf(chunk) : Hex.utf8(chunk), record -> records.add(binary ? Hex.of(record) : Hex.text(record)));
        }
        return records;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
