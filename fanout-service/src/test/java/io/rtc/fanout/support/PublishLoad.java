package io.rtc.fanout.support;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A fixed number of messages POSTed by a few client threads, each with an id of its own in
 * {@code Message-Id}. A message that is not answered 202 (503, connection refused, reset) is sent
 * again with the same id, as a careful client would, until it is; the ids answered 202 are kept.
 */
public final class PublishLoad implements AutoCloseable {

    private final String prefix;
    private final int total;
    private final Supplier<String> baseUrl;
    private final AtomicInteger next = new AtomicInteger();
    public final Set<String> accepted = ConcurrentHashMap.newKeySet();
    public final AtomicInteger refused = new AtomicInteger();
    /** How each attempt was answered: the HTTP status, or -1 when nothing answered (refused or cut connection). */
    public final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final ExecutorService threads;
    private volatile boolean stopped;

    public PublishLoad(String prefix, int total, int threadCount, Supplier<String> baseUrl) {
        this.prefix = prefix;
        this.total = total;
        this.baseUrl = baseUrl;
        this.threads = Executors.newFixedThreadPool(threadCount);
        for (int i = 0; i < threadCount; i++) {
            threads.execute(this::run);
        }
    }

    private void run() {
        for (int seq = next.getAndIncrement(); seq < total && !stopped; seq = next.getAndIncrement()) {
            String id = prefix + "-" + seq;
            while (!stopped) {
                HttpResponse<String> response = Http.publish(baseUrl.get(), "message " + seq, id);
                answers.computeIfAbsent(response == null ? -1 : response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                if (response != null && response.statusCode() == 202) {
                    accepted.add(id);
                    break;
                }
                refused.incrementAndGet();
                try {
                    Thread.sleep(50); // a client's back-off before trying the same message again
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    public boolean done() {
        return accepted.size() == total;
    }

    /** How often each of this load's ids is in the archive. */
    public Map<String, Integer> archived(String url) throws Exception {
        JsonArray entries = Http.archive(url, 100_000);
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        entries.stream().map(JsonObject.class::cast).map(e -> e.getString("id"))
                .filter(id -> id != null && id.startsWith(prefix + "-"))
                .forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        threads.shutdownNow();
        threads.awaitTermination(20, TimeUnit.SECONDS);
    }
}
