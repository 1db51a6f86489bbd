package io.rtc.fanout.broker;

/** TEMPORARY stub until the in-memory engine is merged. */
public class MemoryBroker extends StubBrokerBase {
    public MemoryBroker(Topology topology) {
        throw new UnsupportedOperationException("not yet");
    }
}
abstract class StubBrokerBase implements Broker {
    public java.util.concurrent.CompletionStage<Void> publish(io.rtc.fanout.message.LogMessage m) { return null; }
    public Consumption consume(String q, int p, Deliveries d) { return null; }
    public Consumption consumeOwnQueue(int p, Deliveries d) { return null; }
    public BrokerState state() { return null; }
    public String blockedReason() { return null; }
    public QueueStats stats(String q) { return null; }
}
