package io.rtc.common.limits;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per client address on this instance: the connections it holds and the rate at which it opens new ones.
 * Entries of addresses that hold nothing and whose bucket is full again are forgotten by {@link #sweep},
 * which the owner calls periodically, so the map does not grow with every address ever seen.
 */
public final class AddressLimits {

    /** What a new connection from an address is told. */
    public enum Verdict {
        ACCEPTED,
        TOO_MANY_CONNECTIONS,
        TOO_FAST
    }

    private final int maxConnections;
    private final double rate;
    private final int burst;
    private final ConcurrentHashMap<String, Entry> addresses = new ConcurrentHashMap<>();

    public AddressLimits(LimitSettings settings) {
        this(settings.connectionsPerAddress(), settings.connectRate(), settings.connectBurst());
    }

    public AddressLimits(int maxConnections, double rate, int burst) {
        this.maxConnections = maxConnections;
        this.rate = rate;
        this.burst = burst;
    }

    /** Counts one attempt to connect (negotiate or upgrade) against the address's rate. */
    public boolean attempt(String address, long nowNanos) {
        if (rate <= 0) {
            return true;
        }
        boolean[] allowed = new boolean[1];
        // every change of an entry happens inside the map's lock for its key, so the sweep cannot drop an
        // entry between another thread's lookup and its update
        addresses.compute(address, (a, entry) -> {
            Entry e = entry == null ? new Entry(rate, burst, nowNanos) : entry;
            allowed[0] = e.bucket.tryTake(nowNanos);
            return e;
        });
        return allowed[0];
    }

    /** True when the address may hold one more connection (it is not counted yet: see {@link #open}). */
    public boolean hasRoom(String address) {
        return maxConnections <= 0 || connections(address) < maxConnections;
    }

    /** Counts an open connection of the address; false (and not counted) when it already holds the most. */
    public boolean open(String address, long nowNanos) {
        boolean[] opened = new boolean[1];
        addresses.compute(address, (a, entry) -> {
            Entry e = entry == null ? new Entry(rate, burst, nowNanos) : entry;
            if (maxConnections <= 0 || e.open < maxConnections) {
                e.open++;
                opened[0] = true;
            }
            return e;
        });
        return opened[0];
    }

    /** One connection of the address closed. */
    public void close(String address) {
        addresses.computeIfPresent(address, (a, entry) -> {
            entry.open = Math.max(0, entry.open - 1);
            return entry;
        });
    }

    /** Connections the address holds now. */
    public int connections(String address) {
        Entry entry = addresses.get(address);
        return entry == null ? 0 : entry.open;
    }

    /** Forgets the addresses that hold nothing and may connect at full burst again. */
    public void sweep(long nowNanos) {
        for (String address : addresses.keySet()) {
            addresses.computeIfPresent(address, (a, entry) -> entry.open <= 0 && (rate <= 0 || entry.bucket.full(nowNanos)) ? null : entry);
        }
    }

    int tracked() {
        return addresses.size();
    }

    /** Changed only inside the map's compute for its key; read without it (a count may be a moment old). */
    private static final class Entry {
        volatile int open;
        final TokenBucket bucket;

        Entry(double rate, int burst, long nowNanos) {
            bucket = new TokenBucket(Math.max(rate, 1e-9), burst, nowNanos);
        }
    }
}
