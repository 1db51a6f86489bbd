// Deletes the exchange and queues a RabbitMQ PerfTest run declared (scripts/bench-fanout.sh), so that
// the shared broker is left as it was. RabbitMQ's management plugin (rabbitmqadmin) may be off and
// rabbitmqctl cannot delete an exchange, so this speaks AMQP itself, with the amqp-client jar that
// PerfTest brings.
//
// Run as a single-file source program:
//   java -cp "target/bench/perftest/lib/*" bench/peers/AmqpCleanup.java amqp://guest:guest@127.0.0.1:5672 \
//       --exchange logs-perftest --queue logs-perftest-1 --queue logs-perftest-2
// Refuses to touch the exchange `logs` (fanout-service's own) and its queues `logs.*`. Deleting what
// does not exist is fine. Prints one line per deleted object; exit code 1 on a connection failure.

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.ArrayList;
import java.util.List;

public class AmqpCleanup {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: AmqpCleanup AMQP_URI [--exchange NAME]... [--queue NAME]...");
            System.exit(2);
        }
        List<String> exchanges = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--exchange" -> exchanges.add(args[i + 1]);
                case "--queue" -> queues.add(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        for (String name : exchanges) {
            if (name.equals("logs") || name.isEmpty() || name.startsWith("amq.")) {
                System.err.println("refusing to delete the exchange '" + name + "'");
                System.exit(2);
            }
        }
        for (String name : queues) {
            if (name.equals("logs") || name.startsWith("logs.")) {
                System.err.println("refusing to delete the queue '" + name + "'");
                System.exit(2);
            }
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(args[0]);
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("bench-fanout-cleanup")) {
            for (String queue : queues) {
                // One channel each: a failed operation closes its channel.
                try (Channel channel = connection.createChannel()) {
                    int messages = channel.queueDelete(queue).getMessageCount();
                    System.out.println("deleted queue " + queue + " (" + messages + " messages)");
                }
            }
            for (String exchange : exchanges) {
                try (Channel channel = connection.createChannel()) {
                    channel.exchangeDelete(exchange);
                    System.out.println("deleted exchange " + exchange);
                }
            }
        }
    }
}
