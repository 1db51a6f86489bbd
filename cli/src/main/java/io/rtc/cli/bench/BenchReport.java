package io.rtc.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The result of one benchmark run, shared by every scenario; printed as a summary or as one JSON
 * object. Fields a scenario has no use for are 0 (e.g. {@code window} for a broadcast).
 *
 * @param mode             "closed-loop" (each connection keeps {@code window} messages in flight) or "idle"
 * @param durationSeconds  the measured time actually elapsed (the hold time for "idle")
 * @param messages         replies received and verified during the measured time
 * @param opened           connections that completed the handshake
 * @param closedByPeer     connections the server closed (or that dropped) while we still used them
 * @param openAtEnd        connections still healthy when the run ended, just before we closed them
 */
@RegisterForReflection
@JsonPropertyOrder({"scenario", "mode", "url", "connections", "window", "size", "payload", "threads",
        "warmupSeconds", "durationSeconds", "messages", "throughput", "latencyMicros", "opened",
        "connectFailures", "errors", "closedByPeer", "wrongReplies", "timeouts", "openAtEnd", "passed",
        "firstError"})
public record BenchReport(
        String scenario,
        String mode,
        String url,
        int connections,
        int window,
        int size,
        String payload,
        int threads,
        double warmupSeconds,
        double durationSeconds,
        long messages,
        double throughput,
        LatencySummary latencyMicros,
        long opened,
        long connectFailures,
        long errors,
        long closedByPeer,
        long wrongReplies,
        long timeouts,
        long openAtEnd,
        @JsonInclude(JsonInclude.Include.NON_NULL) String firstError) {

    /** Every connection opened and stayed correct: the run's numbers can be trusted. */
    @JsonProperty("passed")
    public boolean passed() {
        return opened == connections && connectFailures == 0 && errors == 0 && closedByPeer == 0
                && wrongReplies == 0 && timeouts == 0;
    }
}
