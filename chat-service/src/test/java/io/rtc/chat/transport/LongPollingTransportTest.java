package io.rtc.chat.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;

/** The long-polling half-transport on its own: polls, writes, replacement, DELETE, the disconnect timeout. */
class LongPollingTransportTest {

    private static final EventLoop LOOP = new DefaultEventLoop();
    private final List<String> closed = new CopyOnWriteArrayList<>();
    private LongPollingTransport transport;

    /** What one poll was answered. */
    private static final class Answer implements PollSink {
        volatile int status;
        volatile String body;

        @Override
        public void answer(int status, ByteBuf body, boolean binary) {
            this.body = body == null ? null : body.toString(StandardCharsets.UTF_8);
            if (body != null) {
                body.release();
            }
            this.status = status;
        }
    }

    @BeforeEach
    void open() {
        transport = new LongPollingTransport(LOOP, 300, TimeUnit.MILLISECONDS.toNanos(500), 10);
        transport.start(new TransportListener() {
            @Override
            public void received(ByteBuf bytes) {
            }

            @Override
            public void closed(Transport ended) {
                closed.add("closed");
            }
        });
    }

    @AfterAll
    static void stop() {
        LOOP.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private void onLoop(Runnable action) throws Exception {
        LOOP.submit(action).get(5, TimeUnit.SECONDS);
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void aWaitingPollTakesWhatIsWrittenAndLaterWritesWaitForTheNextPoll() throws Exception {
        Answer first = new Answer();
        onLoop(() -> transport.poll(first));
        assertThat(first.status).as("nothing to send yet: the poll waits").isZero();
        onLoop(() -> transport.write(text("a"), false));
        assertThat(first.status).isEqualTo(200);
        assertThat(first.body).isEqualTo("a");

        onLoop(() -> {
            transport.write(text("b"), false);
            transport.write(text("c"), false);
        });
        Answer second = new Answer();
        onLoop(() -> transport.poll(second));
        assertThat(second.body).as("everything that waited, in one answer").isEqualTo("bc");
    }

    @Test
    void aPollWithNothingToTakeIsAnsweredEmptyAfterThePollTimeout() throws Exception {
        Answer poll = new Answer();
        onLoop(() -> transport.poll(poll));
        await().atMost(5, TimeUnit.SECONDS).until(() -> poll.status == 200);
        assertThat(poll.body).isNull();
    }

    @Test
    void aNewerPollReplacesTheWaitingOne() throws Exception {
        Answer older = new Answer();
        Answer newer = new Answer();
        onLoop(() -> transport.poll(older));
        onLoop(() -> transport.poll(newer));
        assertThat(older.status).isEqualTo(204);
        assertThat(newer.status).isZero();
    }

    @Test
    void deleteAnswersTheWaitingPollWith204AndEndsTheConnection() throws Exception {
        Answer poll = new Answer();
        onLoop(() -> transport.poll(poll));
        onLoop(transport::delete);
        assertThat(poll.status).isEqualTo(204);
        assertThat(closed).containsExactly("closed");
        Answer after = new Answer();
        onLoop(() -> transport.poll(after));
        assertThat(after.status).isEqualTo(204);
    }

    @Test
    void theLastWordsGoOutWithTheNextPollThenTheConnectionEnds() throws Exception {
        onLoop(() -> {
            transport.write(text("close"), false);
            transport.end((short) 1000, "bye");
        });
        assertThat(closed).as("not before the client took the close").isEmpty();
        Answer poll = new Answer();
        onLoop(() -> transport.poll(poll));
        assertThat(poll.body).isEqualTo("close");
        assertThat(closed).containsExactly("closed");
    }

    @Test
    void aClientThatStopsPollingIsGoneAfterTheDisconnectTimeoutAndWritesBeyondTheBoundCongest() throws Exception {
        assertThat(transport.open()).isTrue();
        onLoop(() -> transport.write(text("0123456789a"), false));
        assertThat(transport.congested()).isTrue();
        await().atMost(5, TimeUnit.SECONDS).until(() -> !transport.open());
    }
}
