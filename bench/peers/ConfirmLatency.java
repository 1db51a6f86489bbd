import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;

/**
 * The round trip of one confirmed persistent publish with the plain Java client, one at a time:
 * basicPublish, then waitForConfirmsOrDie, COUNT times with IDLE_MS between them (the broker's queues
 * idle in between), as fanout-service's POST /api/logs does one publish per request. It prints each
 * round trip and then min/p50/p90/p99/max in milliseconds.
 *
 *   java -cp "target/bench/perftest/lib/*" bench/peers/ConfirmLatency.java URI [options]
 *
 * Options:
 *   --exchange NAME   publish to this existing exchange (e.g. logs, with fanout-service's queues and
 *                     consumers behind it); nothing is declared or deleted
 *   --declare NAME    declare a fanout exchange NAME with two durable queues NAME-1 and NAME-2 (like
 *                     fanout-service's archive and tail queues), publish to it, and delete all three at
 *                     the end; NAME must not be logs, logs.* or amq.* (the default: confirm-latency)
 *   --consumers       with --declare: one consumer per queue that acks each message at once
 *   --count N [50]    --idle-ms MS [1000]   --size BYTES [5]   --warmup N [0] (publishes not counted)
 */
public class ConfirmLatency {

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String exchange = null;
        String declare = "confirm-latency";
        boolean consumers = false;
        int count = 50, idleMs = 1000, size = 5, warmup = 0;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--exchange" -> { exchange = args[++i]; declare = null; }
                case "--declare" -> declare = args[++i];
                case "--consumers" -> consumers = true;
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--idle-ms" -> idleMs = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (declare != null && (declare.equals("logs") || declare.startsWith("logs.") || declare.startsWith("amq."))) {
            throw new IllegalArgumentException("refusing to declare and delete '" + declare + "'");
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        byte[] body = "x".repeat(size).getBytes(StandardCharsets.UTF_8);
        try (Connection connection = factory.newConnection("confirm-latency")) {
            Channel channel = connection.createChannel();
            String target = exchange;
            List<String> queues = new ArrayList<>();
            if (declare != null) {
                target = declare;
                channel.exchangeDeclare(declare, BuiltinExchangeType.FANOUT, true);
                for (String q : List.of(declare + "-1", declare + "-2")) {
                    channel.queueDeclare(q, true, false, false, Map.of());
                    channel.queueBind(q, declare, "");
                    queues.add(q);
                    if (consumers) {
                        Channel c = connection.createChannel();
                        c.basicConsume(q, false, new DefaultConsumer(c) {
                            @Override
                            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties p, byte[] b)
                                    throws java.io.IOException {
                                getChannel().basicAck(envelope.getDeliveryTag(), false);
                            }
                        });
                    }
                }
            }
            channel.confirmSelect();
            double[] ms = new double[count];
            for (int i = -warmup; i < count; i++) {
                long t0 = System.nanoTime();
                channel.basicPublish(target, "", MessageProperties.PERSISTENT_TEXT_PLAIN, body);
                channel.waitForConfirmsOrDie(10_000);
                double took = (System.nanoTime() - t0) / 1e6;
                if (i >= 0) {
                    ms[i] = took;
                    System.out.printf("%.3f%n", took);
                }
                if (idleMs > 0) {
                    Thread.sleep(idleMs);
                }
            }
            Arrays.sort(ms);
            System.out.printf("confirm round trip, %d publishes, %d ms idle between: min %.2f p50 %.2f p90 %.2f p99 %.2f max %.2f ms%n",
                    count, idleMs, ms[0], pct(ms, 50), pct(ms, 90), pct(ms, 99), ms[count - 1]);
            Channel cleanup = connection.createChannel();
            for (String q : queues) {
                cleanup.queueDelete(q);
            }
            if (declare != null) {
                cleanup.exchangeDelete(declare);
            }
        }
    }

    private static double pct(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p / 100 * (sorted.length - 1)))];
    }
}
