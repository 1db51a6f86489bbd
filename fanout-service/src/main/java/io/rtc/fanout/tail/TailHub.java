package io.rtc.fanout.tail;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.metrics.FanoutMetrics;

/** The live-tail clients of this instance; a frame is encoded once and written to each of them. */
@Singleton
public class TailHub {

    private final Set<TailClient> clients = ConcurrentHashMap.newKeySet();
    private final FanoutMetrics metrics;
    private final FanoutConfig.Tail config;
    private volatile boolean stopping;

    public TailHub(FanoutMetrics metrics, FanoutConfig config) {
        this.metrics = metrics;
        this.config = config.tail();
    }

    void add(TailClient client) {
        if (clients.add(client)) {
            metrics.tailOpened();
        }
    }

    void remove(TailClient client) {
        if (clients.remove(client)) {
            metrics.tailClosed();
        }
    }

    /** Writes the frame to every client; a client whose buffer is full is closed, the others never wait for it. */
    public void broadcast(String frame) {
        int sent = 0;
        for (TailClient client : clients) {
            if (client.send(frame)) {
                sent++;
            }
        }
        metrics.tailSent(sent);
    }

    FanoutConfig.Tail config() {
        return config;
    }

    FanoutMetrics metrics() {
        return metrics;
    }

    /** Closes every client with 1001 (the server is going away) and refuses new ones from then on; returns how many. */
    public int closeAll() {
        stopping = true;
        int count = clients.size();
        clients.forEach(client -> client.close((short) 1001, "Server shutting down"));
        return count;
    }

    /** True once the service is shutting down: new clients are refused (503). */
    boolean stopping() {
        return stopping;
    }
}
