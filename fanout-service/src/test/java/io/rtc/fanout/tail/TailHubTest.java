package io.rtc.fanout.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.rtc.fanout.support.MemoryFanout;

/**
 * The live tail from the exchange to the clients: {@link TailFeed} on a {@link io.rtc.fanout.broker.MemoryBroker},
 * {@link TailHub}, and {@link TailClient}s on {@link FakeTailSocket}s (why a fake: see there). MemoryBroker
 * delivers on the publishing thread, so every frame is written when {@code publish} returns.
 */
class TailHubTest {

    private MemoryFanout fanout;
    private TailHub hub;

    private void start(String... settings) {
        fanout = new MemoryFanout(null, settings);
        hub = new TailHub(fanout.metrics, fanout.config);
        new TailFeed(hub, fanout.metrics, fanout.broker, fanout.config).start();
    }

    private List<FakeTailSocket> connect(int count) {
        return IntStream.range(0, count).mapToObj(i -> FakeTailSocket.connect(hub)).toList();
    }

    private static String[] ids(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "m" + i).toArray(String[]::new);
    }

    @Test
    void everyClientGetsEveryMessageOnceInOrder() {
        start();
        List<FakeTailSocket> clients = connect(3);

        fanout.publish(ids(5));

        assertThat(clients).allSatisfy(client -> assertThat(client.ids()).containsExactly(ids(5)));
        assertThat(fanout.count("fanout.messages.received")).isEqualTo(5);
        assertThat(fanout.count("fanout.tail.messages.sent")).isEqualTo(15);
        assertThat(fanout.count("fanout.tail.connections.open")).isEqualTo(3);
    }

    @Test
    void aClientThatStopsReadingIsClosedWith1013AndTheOthersKeepReceiving() {
        // a frame is about 100 bytes: the slow client's buffer is full after a few
        start("fanout.tail.max-send-buffer", "300");
        List<FakeTailSocket> clients = connect(3);
        FakeTailSocket slow = clients.get(1);
        slow.stopReading();

        fanout.publish(ids(20));

        assertThat(slow.closeCode()).isEqualTo((short) 1013);
        assertThat(slow.closeReason()).contains("too slow");
        assertThat(List.of(clients.get(0), clients.get(2))).allSatisfy(reader -> assertThat(reader.ids()).containsExactly(ids(20)));
        // what it got before the close, in order, and nothing after it
        assertThat(slow.ids()).isNotEmpty().hasSizeLessThan(20);
        assertThat(List.of(ids(20))).startsWith(slow.ids().toArray(String[]::new));
        assertThat(fanout.count("fanout.tail.clients.dropped.slow")).isEqualTo(1);
        assertThat(fanout.count("fanout.tail.connections.open")).isEqualTo(2);
    }

    @Test
    void acknowledgementsFlowSoMuchMoreThanThePrefetchGetsThrough() {
        start("fanout.tail.prefetch", "8");
        FakeTailSocket client = connect(1).get(0);

        // without acks the broker would stop after 8
        fanout.publish(ids(24));

        assertThat(client.ids()).containsExactly(ids(24));
        String ownQueue = fanout.broker.queues().stream().filter(name -> name.startsWith("amq.gen-")).findFirst().orElseThrow();
        // acked two at a time (a quarter of the prefetch): nothing of the 24 is left unsettled
        assertThat(fanout.broker.messages(ownQueue)).isEmpty();
    }

    @Test
    void closeAllSaysGoingAwayToEveryClientAndNoFrameFollows() {
        start();
        List<FakeTailSocket> clients = connect(2);

        assertThat(hub.closeAll()).isEqualTo(2);
        fanout.publish("m1");

        assertThat(clients).allSatisfy(client -> {
            assertThat(client.closeCode()).isEqualTo((short) 1001);
            assertThat(client.ids()).isEmpty();
        });
        assertThat(hub.stopping()).isTrue();
        assertThat(fanout.count("fanout.tail.connections.open")).isZero();
    }
}
