package io.rtc.cli.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;

/**
 * Our messages not yet settled: sent but not answered by a Completion, or accepted but not yet
 * seen coming back from the room. At the end of piped input we wait for both, so that
 * `printf 'hi\n' | rtc chat ...` prints its own "u: hi" even when the hub answers the
 * invocation before its backplane delivers the message. Event-loop only.
 */
final class SendTracker {

    private final Map<String, Integer> echoes = new HashMap<>();
    private int unanswered;
    private int missingEchoes;
    private Promise<Void> settled;

    void sent(String user, String message) {
        unanswered++;
        missingEchoes++;
        echoes.merge(key(user, message), 1, Integer::sum);
    }

    /** A failed send will not come back: stop waiting for its echo (unless it already came). */
    void answered(String user, String message, boolean accepted) {
        unanswered--;
        if (!accepted) {
            forget(key(user, message));
        }
        check();
    }

    /** Every message of the room passes here; only our own unsettled ones count. */
    void received(String user, String message) {
        if (!echoes.isEmpty()) {
            forget(key(user, message));
            check();
        }
    }

    /** Completes once every message sent so far has been answered and has come back. */
    Future<Void> settled() {
        if (settled == null) {
            settled = Promise.promise();
        }
        check();
        return settled.future();
    }

    int unanswered() {
        return unanswered;
    }

    int missingEchoes() {
        return missingEchoes;
    }

    private void forget(String key) {
        Integer count = echoes.get(key);
        if (count != null) {
            missingEchoes--;
            if (count == 1) {
                echoes.remove(key);
            } else {
                echoes.put(key, count - 1);
            }
        }
    }

    private void check() {
        if (settled != null && unanswered == 0 && missingEchoes == 0) {
            settled.tryComplete();
        }
    }

    private static String key(String user, String message) {
        return user + '\u0000' + message;
    }
}
