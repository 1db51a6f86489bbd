package io.rtc.chat.hub;

import java.util.Set;

/** A connected client as the hub sees it: who it is, which rooms it is in, how to reach it. */
public interface HubMember {

    String connectionId();

    /** The rooms this member joined on this instance (the hub adds and removes them). */
    Set<String> rooms();

    /** Queues one complete SignalR record to the client; never blocks. */
    void send(String frame);
}
