package io.rtc.chat.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.rtc.chat.support.HubTestClient;

/**
 * A hub client that stays connected through long tests: the lead's {@link HubTestClient}, plus a
 * Ping every 5 s (the server drops clients silent for 30 s) and, once {@link #listen()} is called,
 * a reader that keeps every ReceiveMessage as "user: message". Invoke before listening (the
 * reader and {@link #invoke} would compete for records), or on a peer that never listens.
 */
final class HubPeer implements AutoCloseable {

    private static final String PING = "{\"type\":6}" + HubTestClient.RS;

    private final HubTestClient client;
    private final String connectionId;
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hub-peer-ping");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private HubPeer(HubTestClient client, String connectionId) {
        this.client = client;
        this.connectionId = connectionId;
        pinger.scheduleAtFixedRate(this::ping, 5, 5, TimeUnit.SECONDS);
    }

    /** Negotiates (version 1, keeping the connection id), connects and completes the handshake. */
    static HubPeer connect(String hubUrl) throws Exception {
        JsonNode negotiation = HubTestClient.negotiate(hubUrl);
        HubTestClient client = HubTestClient.open(hubUrl + "?id=" + negotiation.get("connectionToken").asText());
        client.handshake();
        return new HubPeer(client, negotiation.get("connectionId").asText());
    }

    String connectionId() {
        return connectionId;
    }

    /** Invokes a hub method; its Completion record. */
    JsonNode invoke(String target, Object... arguments) throws Exception {
        String id = Long.toString(System.nanoTime());
        synchronized (client) { // one send at a time on the JDK WebSocket: Pings come from another thread
            client.sendText(HubTestClient.invocation(id, target, arguments));
        }
        return client.completion(id);
    }

    /** Invokes a hub method that must succeed. */
    void call(String target, Object... arguments) throws Exception {
        JsonNode completion = invoke(target, arguments);
        if (completion.has("error")) {
            throw new AssertionError(target + " failed: " + completion.get("error").asText());
        }
    }

    /** From now on, keeps every ReceiveMessage that arrives (including any already queued). */
    void listen() {
        Thread reader = new Thread(() -> {
            while (!closed && !client.isClosed()) {
                try {
                    messages.add(client.nextMessage());
                } catch (IllegalStateException quiet) {
                    // nothing for 10 s: keep waiting
                } catch (Exception e) {
                    return;
                }
            }
        }, "hub-peer-reader-" + connectionId);
        reader.setDaemon(true);
        reader.start();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    boolean received(String message) {
        return messages.contains(message);
    }

    void awaitMessage(String message, Duration within) {
        await().atMost(within).until(() -> messages.contains(message));
    }

    boolean isClosed() {
        return client.isClosed();
    }

    private void ping() {
        try {
            synchronized (client) {
                if (!client.isClosed()) {
                    client.sendText(PING);
                }
            }
        } catch (RuntimeException e) {
            // closed meanwhile: the test's assertions will tell
        }
    }

    @Override
    public void close() {
        closed = true;
        pinger.shutdownNow();
        client.close();
    }
}
