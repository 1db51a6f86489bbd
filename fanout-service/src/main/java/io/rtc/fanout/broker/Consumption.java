package io.rtc.fanout.broker;

/** A consumer started by {@link Broker#consume}: how its deliveries are settled, and how it is stopped. */
public interface Consumption {

    /** Acknowledges the delivery {@code tag}, and with {@code multiple} every earlier unsettled one too. */
    void ack(long tag, boolean multiple);

    /** Refuses the delivery {@code tag} for good: the queue dead-letters it (the archive's dead-letter queue). */
    void reject(long tag);

    /**
     * Stops the deliveries (shutdown): after this returns nothing more reaches the consumer. Deliveries not
     * yet acknowledged stay with the broker until the connection closes, then go back to their queue.
     */
    void pause();
}
