package io.rtc.fanout.broker;

import java.util.List;

import io.rtc.fanout.config.FanoutConfig;

/**
 * The broker objects fanout-service relies on, named in one place from {@link FanoutConfig}: the durable
 * fanout exchange, the archive's durable queue that dead-letters into {@code deadLetterQueue} through the
 * direct exchange {@code deadLetterExchange}, and one durable queue per named subscription. Every broker
 * implementation declares exactly these.
 */
public record Topology(String exchange, String archiveQueue, String deadLetterExchange, String deadLetterQueue,
        List<String> subscriptionQueues) {

    public static Topology of(FanoutConfig config) {
        String exchange = config.exchange();
        List<String> subscriptions = config.subscriptions().orElse(List.of()).stream()
                .map(String::trim).filter(name -> !name.isEmpty())
                .map(name -> exchange + "." + name).distinct().toList();
        return new Topology(exchange, exchange + ".archive", exchange + ".dlx", exchange + ".archive.dlq", subscriptions);
    }

    /** Every durable queue bound to the exchange: the archive first, then the subscriptions. */
    public List<String> boundQueues() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(archiveQueue), subscriptionQueues.stream()).toList();
    }
}
