package io.rtc.chat.hub;

import io.rtc.chat.config.ChatConfig;

/** The limits the hub checks on what clients send. */
public record HubLimits(int maxRoomNameLength, int maxUserNameLength, int historySize) {

    public static HubLimits from(ChatConfig config) {
        return new HubLimits(config.maxRoomNameLength(), config.maxUserNameLength(), config.historySize());
    }
}
