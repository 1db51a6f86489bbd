package io.rtc.chat.hub;

/**
 * What the hub reports about its members (room.joined, room.left, message.sent), for whoever
 * listens (the {@code logs} exchange). Called on the hot paths: implementations must return at
 * once, never block and never throw.
 */
public interface HubEvents {

    HubEvents NONE = new HubEvents() {
        @Override
        public void joined(String room, HubMember member) {
        }

        @Override
        public void left(String room, HubMember member) {
        }

        @Override
        public void sent(String room, String user, HubMember member) {
        }
    };

    void joined(String room, HubMember member);

    void left(String room, HubMember member);

    /** A room message; {@code member} is null for one from the admin API. */
    void sent(String room, String user, HubMember member);
}
