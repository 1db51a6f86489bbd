package io.rtc.cli.chat;

import io.rtc.cli.ExitCodes;
import java.util.concurrent.BlockingQueue;

/**
 * The loop of {@code rtc chat} once joined: each line read is sent, {@code exit} or the end of
 * input leaves the room, a connection the server ended stops everything. Received messages are
 * printed by the session as they come, independently of this loop.
 */
final class ChatConsole {

    static final String EXIT = "exit";

    private final BlockingQueue<ChatEvent> events;
    private final ChatSession session;
    private final LinePrinter printer;
    private final String room;
    private final String user;

    ChatConsole(BlockingQueue<ChatEvent> events, ChatSession session, LinePrinter printer, String room, String user) {
        this.events = events;
        this.session = session;
        this.printer = printer;
        this.room = room;
        this.user = user;
    }

    int run() throws ChatFailure, InterruptedException {
        while (true) {
            ChatEvent event = events.take();
            if (event instanceof ChatEvent.Line line && !line.text().strip().equals(EXIT)) {
                session.send(room, user, line.text());
            } else if (event instanceof ChatEvent.Closed closed) {
                return lost(closed);
            } else {
                break; // 'exit' or end of input
            }
        }
        // In a pipe the input ends right after the last line: its Completion and its delivery back
        // to us are still on their way, and leaving now would lose them.
        session.settle();
        for (ChatEvent pending : events) {
            if (pending instanceof ChatEvent.Closed closed) {
                return lost(closed);
            }
        }
        session.leave(room);
        return ExitCodes.OK;
    }

    private int lost(ChatEvent.Closed closed) {
        printer.err("Connection lost: " + closed.reason());
        return ExitCodes.CONNECTION_LOST;
    }
}
