package io.rtc.cli.signalr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.rtc.common.signalr.Completion;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One connection's invocations that wait for their Completion, by invocation id. Event-loop only. */
final class PendingInvocations {

    private final Map<String, Promise<JsonNode>> waiting = new HashMap<>();
    private long lastId;

    /** The id for the next invocation; {@code result} completes with what its Completion says. */
    String add(Promise<JsonNode> result) {
        String id = Long.toString(++lastId);
        waiting.put(id, result);
        return id;
    }

    /** The invocation could not be sent: no Completion will come. */
    void unsent(String id, Throwable cause) {
        Promise<JsonNode> result = waiting.remove(id);
        if (result != null) {
            result.tryFail(cause);
        }
    }

    /** Its result (JSON null for a void method), or a {@link HubException} with the hub's error. */
    void completed(Completion completion) {
        Promise<JsonNode> result = waiting.remove(completion.invocationId());
        if (result != null && completion.error() != null) {
            result.tryFail(new HubException(completion.error()));
        } else if (result != null) {
            result.tryComplete(completion.hasResult() ? completion.result() : NullNode.getInstance());
        }
    }

    /** The connection ended: every invocation still waiting fails with {@code reason}. */
    void failAll(String reason) {
        List<Promise<JsonNode>> unanswered = new ArrayList<>(waiting.values());
        waiting.clear();
        unanswered.forEach(p -> p.tryFail(new IllegalStateException(reason)));
    }
}
