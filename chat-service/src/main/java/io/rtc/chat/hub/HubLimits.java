package io.rtc.chat.hub;

import io.rtc.chat.config.ChatConfig;

/** The limits and permissions the hub checks on what clients send. */
public record HubLimits(int maxRoomNameLength, int maxUserNameLength, int historySize, int roomsPerConnection, String adminRole) {

    public HubLimits(int maxRoomNameLength, int maxUserNameLength, int historySize) {
        this(maxRoomNameLength, maxUserNameLength, historySize, 100, "chat-admin");
    }

    public static HubLimits from(ChatConfig config) {
        return new HubLimits(config.maxRoomNameLength(), config.maxUserNameLength(), config.historySize(),
                config.limits().roomsPerConnection(), config.auth().adminRole());
    }
}
