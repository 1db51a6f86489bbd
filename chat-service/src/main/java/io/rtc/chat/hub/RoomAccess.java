package io.rtc.chat.hub;

import java.util.List;

import io.rtc.common.auth.Identity;

/**
 * Which rooms a signed-in user may join, read and send to: the patterns of the token's rooms claim, where
 * {@code *} stands for any run of characters ({@code team-*}, {@code *}); the admin role may use every room.
 * Anonymous connections (only where auth is not required) are not restricted.
 */
final class RoomAccess {

    private RoomAccess() {
    }

    static boolean allows(Identity identity, String room, String adminRole) {
        if (identity == null || identity.hasRole(adminRole)) {
            return true;
        }
        List<String> patterns = identity.grants();
        for (String pattern : patterns) {
            if (matches(pattern, room)) {
                return true;
            }
        }
        return false;
    }

    /** Glob match with {@code *} only, without regular expressions (a room name may hold any character). */
    static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
