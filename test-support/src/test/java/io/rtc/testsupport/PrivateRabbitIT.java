package io.rtc.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

/** What the services' tests rely on: a node of their own, its restarts, and the memory alarm on demand. */
class PrivateRabbitIT {

    private static final long WITHIN_SECONDS = 10;

    @AutoClose
    private static PrivateRabbit rabbit;

    @BeforeAll
    static void launch() throws Exception {
        rabbit = PrivateRabbit.launch();
    }

    /** The node is the class's: a failed alarm test must not leave it blocking the next test's publishes. */
    @AfterEach
    void clearTheMemoryAlarm() throws Exception {
        if (rabbit.accepting()) {
            rabbit.setMemoryHighWatermark(0.4);
        }
    }

    @Test
    void aStopOrAKillKeepsDurableQueuesAndPersistentMessages() throws Exception {
        String queue = "restart-" + System.nanoTime();
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
            channel.confirmSelect();
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, "one".getBytes(StandardCharsets.UTF_8));
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, "two".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(TimeUnit.SECONDS.toMillis(WITHIN_SECONDS));
        }

        rabbit.stop();
        assertThat(rabbit.accepting()).as("stopped").isFalse();
        rabbit.start();
        assertThat(messages(queue)).as("after a stop").isEqualTo(2);

        rabbit.kill();
        assertThat(rabbit.accepting()).as("killed").isFalse();
        rabbit.start();
        assertThat(messages(queue)).as("after a kill (confirmed means on disk)").isEqualTo(2);
    }

    @Test
    void aTinyMemoryWatermarkBlocksPublishersAndTheDefaultUnblocksThem() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch unblocked = new CountDownLatch(1);
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            connection.addBlockedListener(new BlockedListener() {
                @Override
                public void handleBlocked(String reason) {
                    blocked.countDown();
                }

                @Override
                public void handleUnblocked() {
                    unblocked.countDown();
                }
            });
            long raising = System.nanoTime();
            rabbit.setMemoryHighWatermark(0.0000001);
            long raised = System.nanoTime();
            // the alarm blocks a connection at its first publish, not before: one that only consumes goes on
            channel.basicPublish("amq.fanout", "", null, "during the alarm".getBytes(StandardCharsets.UTF_8));
            assertThat(blocked.await(WITHIN_SECONDS, TimeUnit.SECONDS)).as("connection.blocked").isTrue();
            report("connection.blocked", raising, raised);

            long clearing = System.nanoTime();
            rabbit.setMemoryHighWatermark(0.4);
            long cleared = System.nanoTime();
            assertThat(unblocked.await(WITHIN_SECONDS, TimeUnit.SECONDS)).as("connection.unblocked").isTrue();
            report("connection.unblocked", clearing, cleared);
        }
    }

    /** How long the broker takes here, for whoever writes a test on it. */
    private static void report(String what, long commandStarted, long commandReturned) {
        long now = System.nanoTime();
        System.out.printf("%s %d ms after rabbitmqctl started, %d ms after it returned%n", what,
                TimeUnit.NANOSECONDS.toMillis(now - commandStarted), TimeUnit.NANOSECONDS.toMillis(now - commandReturned));
    }

    private static Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(rabbit.amqpUrl());
        return factory.newConnection();
    }

    private static long messages(String queue) throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }
}
