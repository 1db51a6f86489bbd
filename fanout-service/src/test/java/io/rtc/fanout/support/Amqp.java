package io.rtc.fanout.support;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** A plain AMQP connection for test setup and checks: queue depths, raw publishes, cleanup. */
public final class Amqp implements AutoCloseable {

    private final Connection connection;

    public Amqp(int port) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setAutomaticRecoveryEnabled(false);
        this.connection = factory.newConnection("fanout-test");
    }

    public static Amqp shared() throws IOException, TimeoutException {
        return new Amqp(5672);
    }

    /** Messages ready in a queue, or -1 when it does not exist. */
    public long depth(String queue) throws IOException {
        Channel channel = connection.createChannel();
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            return -1;
        } finally {
            closeQuietly(channel);
        }
    }

    public void publish(String exchange, AMQP.BasicProperties properties, byte[] body) throws IOException {
        Channel channel = connection.createChannel();
        try {
            channel.confirmSelect();
            channel.basicPublish(exchange, "", properties, body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (InterruptedException | TimeoutException e) {
            throw new IOException(e);
        } finally {
            closeQuietly(channel);
        }
    }

    public void purge(String queue) throws IOException {
        Channel channel = connection.createChannel();
        try {
            channel.queuePurge(queue);
        } catch (IOException e) {
            // not there yet: nothing to purge
        } finally {
            closeQuietly(channel);
        }
    }

    public Channel channel() throws IOException {
        return connection.createChannel();
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException ignored) {
            // closed by the broker already
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
