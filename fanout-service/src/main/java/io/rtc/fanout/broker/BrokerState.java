package io.rtc.fanout.broker;

/** Whether publishes can be confirmed now. */
public enum BrokerState {
    /** Not connected yet, or the connection dropped and is being made again. */
    DOWN,
    /** Connected, topology declared, publishing allowed. */
    UP,
    /** Connected, but the broker blocks publishing (a memory or disk alarm): publishes are refused at once. */
    BLOCKED
}
