package io.rtc.common.signalr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class HubProtocolTest {

    private static final List<HubProtocol> PROTOCOLS = List.of(HubProtocol.json(), HubProtocol.messagePack());

    @Test
    void namesAndFormats() {
        assertThat(HubProtocol.named("json")).isSameAs(HubProtocol.json());
        assertThat(HubProtocol.named("messagepack")).isSameAs(HubProtocol.messagePack());
        assertThat(HubProtocol.named("MessagePack")).isNull();
        assertThat(HubProtocol.named(null)).isNull();
        assertThat(HubProtocol.json().name()).isEqualTo("json");
        assertThat(HubProtocol.messagePack().name()).isEqualTo("messagepack");
        assertThat(HubProtocol.json().transferFormat()).isEqualTo(TransferFormat.TEXT);
        assertThat(HubProtocol.messagePack().transferFormat()).isEqualTo(TransferFormat.BINARY);
    }

    @Test
    void everyMessageTypeRoundTripsInBothProtocolsWithItsHeaders() throws Exception {
        for (HubProtocol protocol : PROTOCOLS) {
            for (HubMessage message : Samples.all()) {
                List<HubMessage> read = protocol.parseAll(Unpooled.wrappedBuffer(protocol.write(message)), 1 << 20);
                assertThat(read).as("%s in %s", message, protocol).containsExactly(message);
            }
        }
    }

    @Test
    void writingToAByteBufAppendsTheSameRecord() {
        for (HubProtocol protocol : PROTOCOLS) {
            for (HubMessage message : Samples.all()) {
                ByteBuf out = Unpooled.buffer().writeByte(0x55);
                protocol.write(message, out);
                assertThat(Hex.of(out)).isEqualTo("55" + Hex.of(protocol.write(message)));
            }
        }
    }

    @Test
    void parsingLeavesTheRecordsIndicesAndReferenceCountAlone() throws Exception {
        for (HubProtocol protocol : PROTOCOLS) {
            ByteBuf records = Unpooled.wrappedBuffer(protocol.write(Samples.all().get(0)));
            protocol.reader(1 << 20).feed(records, record -> {
                int index = record.readerIndex();
                protocol.parse(record);
                assertThat(record.readerIndex()).isEqualTo(index);
            });
            assertThat(records.refCnt()).isEqualTo(1);
            assertThat(records.isReadable()).isFalse();
        }
    }

    @Test
    void aDirectBufferParsesLikeAHeapOne() throws Exception {
        for (HubProtocol protocol : PROTOCOLS) {
            HubMessage message = Samples.all().get(0);
            ByteBuf direct = Unpooled.directBuffer();
            protocol.write(message, direct);
            assertThat(protocol.parseAll(direct, 1 << 20)).containsExactly(message);
            direct.release();
        }
    }

    @Test
    void onlyInvocationRelatedMessagesAreTrackable() {
        for (HubMessage message : Samples.all()) {
            assertThat(message.trackable()).as("%s", message).isEqualTo(message.type() <= HubMessage.CANCEL_INVOCATION);
        }
        assertThat(Ping.INSTANCE.trackable()).isFalse();
        assertThat(new Ack(1).trackable()).isFalse();
        assertThat(Completion.empty("1").trackable()).isTrue();
    }

    @Test
    void writersAreSafeOnSeveralThreadsAtOnce() throws Exception {
        List<HubMessage> messages = Samples.all();
        Thread[] threads = new Thread[4];
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try {
                    for (int round = 0; round < 300; round++) {
                        for (HubMessage message : messages) {
                            byte[] record = HubProtocol.messagePack().write(message);
                            assertThat(HubProtocol.messagePack().parseAll(Unpooled.wrappedBuffer(record), 1 << 20))
                                    .containsExactly(message);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }
}
