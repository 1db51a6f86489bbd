package io.rtc.chat.hub;

/** Checks of the names a client sends: rooms and users. */
final class Names {

    private Names() {
    }

    /** Null when acceptable, else why not. */
    static String problem(String what, String name, int maxLength) {
        if (name.isBlank()) {
            return what + " must not be empty";
        }
        if (name.length() > maxLength) {
            return what + " is longer than " + maxLength + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT && c != '\u200d') {
                return what + " must not contain control characters";
            }
        }
        return null;
    }
}
