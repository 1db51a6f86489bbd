package io.rtc.cli.bench.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rtc.cli.bench.Counts;
import io.rtc.cli.bench.LatencySummary;
import java.util.List;

/**
 * The result of one chat run, printed as a summary or as one JSON object: the sibling of
 * {@link io.rtc.cli.bench.BenchReport} for a room broadcast, where one message sent makes one
 * delivery per member of the room.
 *
 * @param transport        SignalR's transport (websockets, sse, longpolling); websockets for Socket.IO
 * @param hubProtocol      SignalR's hub protocol (json, messagepack); absent for Socket.IO
 * @param rate             messages per second of each sender (the total send rate is rate x rooms x senders)
 * @param connections      clients the run opens: rooms x members
 * @param opened           clients that connected (negotiate, WebSocket, handshake)
 * @param joined           clients whose JoinRoom was acknowledged
 * @param connectFailures  clients that could not connect or join
 * @param auth             how the clients signed in: none, token (one for all) or hmac (one minted per client)
 * @param connectSeconds   from the first connect until the last client connected (negotiate + upgrade + handshake)
 * @param connectRate      clients connected per second over connectSeconds
 * @param joinSeconds      from the first connect until every JoinRoom was answered
 * @param connectLatencyMicros each client's negotiate + upgrade + handshake
 * @param sendRate         measured messages sent per second, all senders together
 * @param deliveries       measured messages that reached a member, counted once per member
 * @param deliveryRate     deliveries per second of measured time
 * @param expected         deliveries owed to the members still joined at the end
 * @param lost             expected deliveries that had not arrived when the drain ended
 * @param duplicated       the same message (sender and sequence number) arriving twice at one member
 * @param wrong            benchmark messages in the wrong room, under the wrong user, or of the wrong size
 * @param foreign          messages of other clients in the rooms, ignored
 * @param errors           hub errors and failed sends, connections that broke
 */
@RegisterForReflection
@JsonPropertyOrder({"scenario", "protocol", "transport", "hubProtocol", "urls", "rooms", "members", "senders", "rate",
        "messageSize", "threads", "warmupSeconds", "durationSeconds", "drainSeconds", "connections", "opened", "joined", "connectFailures",
        "auth", "connectSeconds", "connectRate", "joinSeconds", "connectLatencyMicros",
        "sent", "sendRate", "deliveries", "deliveryRate", "expected", "latencyMicros", "lost", "duplicated",
        "wrong", "foreign", "errors", "closedByPeer", "openAtEnd", "passed", "firstError"})
public record ChatReport(
        String scenario,
        String protocol,
        String transport,
        @JsonInclude(JsonInclude.Include.NON_NULL) String hubProtocol,
        List<String> urls,
        int rooms,
        int members,
        int senders,
        double rate,
        int messageSize,
        int threads,
        double warmupSeconds,
        double durationSeconds,
        double drainSeconds,
        int connections,
        long opened,
        long joined,
        long connectFailures,
        String auth,
        double connectSeconds,
        double connectRate,
        double joinSeconds,
        LatencySummary connectLatencyMicros,
        long sent,
        double sendRate,
        long deliveries,
        double deliveryRate,
        long expected,
        LatencySummary latencyMicros,
        long lost,
        long duplicated,
        long wrong,
        long foreign,
        long errors,
        long closedByPeer,
        long openAtEnd,
        @JsonInclude(JsonInclude.Include.NON_NULL) String firstError) {

    static ChatReport of(ChatPlan plan, double measuredSeconds, Counts connections, ChatCounts chat,
                         LatencySummary latency, ConnectTiming connect) {
        return new ChatReport("chat", plan.protocol().id(), plan.transport().option(),
                plan.hubProtocol() == null ? null : plan.hubProtocol().name(), plan.urls(), plan.rooms(), plan.members(),
                plan.senders(), plan.ratePerSender(), plan.messageSize(), plan.threads(), seconds(plan.warmup().toNanos()),
                round(measuredSeconds), seconds(plan.drain().toNanos()), plan.connections(), connections.opened(),
                chat.joined(), connections.connectFailures(), plan.auth().mode(), connect.seconds(), connect.rate(),
                connect.joinedSeconds(), connect.latencyMicros(), chat.sent(), round(chat.sent() / measuredSeconds),
                chat.deliveries(), round(chat.deliveries() / measuredSeconds), chat.expected(), latency, chat.lost(),
                chat.duplicated(), chat.wrong(), chat.foreign(), connections.errors(), connections.closedByPeer(),
                connections.openAtEnd(), connections.firstError());
    }

    /** Every member joined, every measured message reached every member once, nothing failed. */
    @JsonProperty("passed")
    public boolean passed() {
        return joined == connections && connectFailures == 0 && sent > 0 && lost == 0 && duplicated == 0
                && wrong == 0 && errors == 0 && closedByPeer == 0;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
