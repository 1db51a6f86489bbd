package io.rtc.chat.hub;

/**
 * The backplane topics of the hub: a room's members, and a signed-in user's connections (SignalR's
 * Clients.User). Prefixes keep them apart, so a room may have any name.
 */
public final class Topics {

    static final String ROOM = "room:";
    static final String USER = "user:";

    private Topics() {
    }

    public static String room(String name) {
        return ROOM + name;
    }

    public static String user(String id) {
        return USER + id;
    }
}
