package io.rtc.cli.support;

import io.rtc.common.signalr.Close;
import io.rtc.common.signalr.Completion;
import io.rtc.common.signalr.Handshake;
import io.rtc.common.signalr.HubMessage;
import io.rtc.common.signalr.Invocation;
import io.rtc.common.signalr.Ping;
import io.rtc.common.signalr.TransferFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@link TestChatHub} does with what its clients say, whatever carries it: accepts or refuses the
 * handshake, and runs JoinRoom, LeaveRoom, SendMessage and GetHistory with their Completions. The
 * paths that misbehave on purpose misbehave here. Event-loop only.
 */
final class HubMethods implements HubPeer.Handler {

    private final HubRooms rooms;
    private final List<String> calls;
    private final List<String> handshakes;
    private final Consumer<HubPeer> end;

    /** @param end ends a connection from the hub's side: out of its rooms, its transport closed */
    HubMethods(HubRooms rooms, List<String> calls, List<String> handshakes, Consumer<HubPeer> end) {
        this.rooms = rooms;
        this.calls = calls;
        this.handshakes = handshakes;
        this.end = end;
    }

    @Override
    public void handshake(HubPeer peer, Handshake.Request request) {
        String problem = request.problem(1);
        if (problem == null && peer.path.equals("/refuseHub")) {
            problem = "Requested protocol '" + request.protocol() + "' is not available.";
        } else if (problem == null && peer.transport.equals("sse")
                && peer.protocol().transferFormat() == TransferFormat.BINARY) {
            problem = "Cannot use the '" + request.protocol() + "' protocol on the current transport."
                    + " The transport does not support 'Binary' transfer format.";
        }
        if (problem != null) {
            peer.answerHandshake(Handshake.error(problem));
            end.accept(peer);
            return;
        }
        handshakes.add(peer.transport + "/" + request.protocol());
        // The acceptance and a first Ping in one frame: clients must split records.
        peer.answerHandshake(Handshake.OK, Ping.INSTANCE);
    }

    @Override
    public void message(HubPeer peer, HubMessage message) {
        if (message instanceof Invocation call) {
            invoked(peer, call);
        }
    }

    private void invoked(HubPeer peer, Invocation call) {
        List<String> args = new ArrayList<>();
        call.arguments().forEach(a -> args.add(a.asText()));
        String target = call.target();
        calls.add(target + "(" + String.join(",", args) + ")");
        String id = call.invocationId();
        switch (target) {
            case "JoinRoom" -> {
                if (args.get(0).equals("forbidden")) {
                    complete(peer, id, Completion.error(id, "You may not join forbidden"));
                    return;
                }
                rooms.join(args.get(0), peer);
                complete(peer, id, Completion.result(id, null));
                rooms.broadcast(args.get(0), "System", peer.id + " has joined the room " + args.get(0));
            }
            case "LeaveRoom" -> {
                rooms.leave(args.get(0), peer);
                complete(peer, id, Completion.result(id, null));
                rooms.broadcast(args.get(0), "System", peer.id + " has left the room " + args.get(0));
            }
            case "GetHistory" -> complete(peer, id,
                    Completion.result(id, rooms.history(args.get(0), call.arguments().get(1).asInt())));
            case "SendMessage" -> send(peer, id, args.get(0), args.get(1), args.get(2));
            default -> complete(peer, id, Completion.error(id, "Unknown hub method '" + target + "'"));
        }
    }

    private void send(HubPeer peer, String id, String room, String user, String message) {
        if (message.equals("boom")) {
            complete(peer, id, Completion.error(id, "boom is not allowed"));
        } else if (peer.path.equals("/closeHub")) {
            peer.send(List.of(new Close("Server is shutting down", false)));
            end.accept(peer);
        } else {
            // The caller gets its own copy and the Completion batched in one frame.
            rooms.send(room, user, message, peer, id == null ? null : Completion.result(id, null),
                    peer.path.equals("/flakyHub"));
        }
    }

    private static void complete(HubPeer peer, String id, Completion completion) {
        if (id != null) {
            peer.send(List.of(completion));
        }
    }
}
