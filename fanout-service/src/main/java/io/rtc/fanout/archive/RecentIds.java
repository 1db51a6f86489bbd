package io.rtc.fanout.archive;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the newest archived messages, oldest forgotten first. A duplicate is a redelivery of a
 * message whose ack was lost, or a client's retry of a publish: both are recent, so a window of
 * recent ids is enough to archive each message once. Used by the writer thread only.
 */
final class RecentIds {

    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    boolean contains(String id) {
        return ids.containsKey(id);
    }

    void add(String id) {
        ids.put(id, Boolean.TRUE);
    }

    int size() {
        return ids.size();
    }

    /** The id of one archived line ({@code {"id":"…",…}} as the writer puts it first), or null. */
    static String idOf(String line) {
        String prefix = "{\"id\":\"";
        if (!line.startsWith(prefix)) {
            return null;
        }
        int end = line.indexOf('"', prefix.length());
        return end < 0 ? null : line.substring(prefix.length(), end);
    }
}
