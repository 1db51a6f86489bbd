package io.rtc.common.auth;

/**
 * A request's token was missing or not acceptable. The message is a one-line reason for the client (401);
 * it never contains the token or its claims.
 */
public final class AuthException extends Exception {

    public AuthException(String reason) {
        super(reason, null, false, false);
    }
}
