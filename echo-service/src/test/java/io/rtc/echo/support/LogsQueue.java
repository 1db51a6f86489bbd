package io.rtc.echo.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * A consumer of the fanout exchange {@code logs}, as another service would be: its own queue bound
 * to the exchange, every message kept with its AMQP properties and its body parsed as JSON.
 */
public final class LogsQueue implements AutoCloseable {

    public static final String EXCHANGE = "logs";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message as it arrived; {@code json} is null if the body was not JSON. */
    public record Event(AMQP.BasicProperties properties, JsonNode json, String body) {
        public String type() {
            return json == null ? null : json.path("type").asText(null);
        }
    }

    private final Connection connection;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    private LogsQueue(Connection connection) {
        this.connection = connection;
    }

    /** An exclusive, server-named queue bound to {@code logs}, gone when this closes. */
    public static LogsQueue exclusive(int port) throws IOException, TimeoutException {
        LogsQueue logs = new LogsQueue(connect(port));
        Channel channel = logs.connection.createChannel();
        declareExchange(channel);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, EXCHANGE, "");
        logs.consume(channel, queue);
        return logs;
    }

    /** Declares a durable queue bound to {@code logs}: it keeps persistent events through a broker restart. */
    public static void declareDurable(int port, String queue) throws IOException, TimeoutException {
        try (Connection connection = connect(port)) {
            Channel channel = connection.createChannel();
            declareExchange(channel);
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, EXCHANGE, "");
        }
    }

    /** Consumes (and acknowledges) a queue declared with {@link #declareDurable}. */
    public static LogsQueue consume(int port, String queue) throws IOException, TimeoutException {
        LogsQueue logs = new LogsQueue(connect(port));
        logs.consume(logs.connection.createChannel(), queue);
        return logs;
    }

    private static Connection connect(int port) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory.newConnection("echo-service tests");
    }

    /** The services declare it the same way: durable fanout, no arguments. */
    private static void declareExchange(Channel channel) throws IOException {
        channel.exchangeDeclare(EXCHANGE, BuiltinExchangeType.FANOUT, true);
    }

    private void consume(Channel channel, String queue) throws IOException {
        channel.basicConsume(queue, true, (tag, delivery) -> {
            String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
            events.add(new Event(delivery.getProperties(), json, body));
        }, tag -> {
        });
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The events that match, once there are at least {@code count} of them. */
    public List<Event> await(Predicate<Event> which, int count, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> events.stream().filter(which).count() >= count);
        return events.stream().filter(which).toList();
    }

    /** Events of echo-service about one connection, in arrival order. */
    public static Predicate<Event> ofConnection(String connectionId) {
        return e -> e.json() != null && "echo-service".equals(e.json().path("source").asText())
                && connectionId.equals(e.json().path("connectionId").asText(null));
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
