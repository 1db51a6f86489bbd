package io.rtc.cli.bench.chat;

import io.rtc.cli.signalr.HubOptions;
import io.rtc.cli.signalr.TransportType;
import io.rtc.common.signalr.HubProtocol;
import java.time.Duration;
import java.util.List;

/**
 * Everything a chat run needs to know, validated, and the run's layout. Members are numbered
 * 0 .. rooms*members-1, room by room; in each room the first {@code senders} members also send.
 * Sender ids are numbered 0 .. rooms*senders-1 the same way.
 *
 * @param hubProtocol   SignalR's JSON or MessagePack; null for Socket.IO
 * @param transport     SignalR's transport; WebSockets for Socket.IO, which has no other here
 * @param ratePerSender messages per second that each sender sends
 * @param roomPrefix    room names are prefix + room number; unique per run, so runs never mix
 * @param auth          how the members sign in, and so the names they send under
 */
record ChatPlan(
        ChatProtocol protocol,
        HubProtocol hubProtocol,
        TransportType transport,
        List<String> urls,
        int rooms,
        int members,
        int senders,
        double ratePerSender,
        int messageSize,
        boolean skipNegotiation,
        String roomPrefix,
        int threads,
        List<String> localAddresses,
        int connectConcurrency,
        Duration connectTimeout,
        Duration replyTimeout,
        Duration warmup,
        Duration duration,
        Duration drain,
        ChatAuth auth) {

    /** How the SignalR members connect; call only for {@link ChatProtocol#SIGNALR}. */
    HubOptions hubOptions() {
        return new HubOptions(transport, hubProtocol, skipNegotiation, connectTimeout);
    }

    /** E.g. {@code signalr (json over websockets)} or {@code socketio}. */
    String wire() {
        return hubProtocol == null ? protocol.id()
                : protocol.id() + " (" + hubProtocol.name() + " over " + transport.option() + ")";
    }

    int connections() {
        return rooms * members;
    }

    int totalSenders() {
        return rooms * senders;
    }

    int roomOf(int member) {
        return member / members;
    }

    String roomName(int room) {
        return roomPrefix + room;
    }

    /** The sender id of {@code member}, or -1 when it only listens. */
    int senderId(int member) {
        int inRoom = member % members;
        return inRoom < senders ? roomOf(member) * senders + inRoom : -1;
    }

    int roomOfSender(int senderId) {
        return senderId / senders;
    }

    /** The user name each member sends under; receivers check it against the sender id. */
    String userName(int member) {
        return auth.userName(member);
    }

    String userOfSender(int senderId) {
        return userName(roomOfSender(senderId) * members + senderId % senders);
    }

    /** Members are spread over the instances round-robin, so each room spans all of them. */
    String urlOf(int member) {
        return urls.get(member % urls.size());
    }

    long intervalNanos() {
        return Math.max(1, Math.round(1e9 / ratePerSender));
    }
}
