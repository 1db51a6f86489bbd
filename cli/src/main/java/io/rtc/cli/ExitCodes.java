package io.rtc.cli;

/**
 * Exit codes shared by all commands, so scripts can tell a refused connection from a
 * broken one or a failed benchmark. 2 is picocli's own code for usage errors.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** Could not connect, or a benchmark saw failed connections, errors or wrong replies. */
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /** The server closed the connection or it broke while the command was using it. */
    public static final int CONNECTION_LOST = 3;
    /** The server did not answer in time. */
    public static final int TIMEOUT = 4;
    /** The server refused the request (e.g. HTTP 400, 413, 415): its error is on stderr. */
    public static final int REJECTED = 5;
    /**
     * The server refused the credentials: HTTP 401 (no valid token: missing, expired, bad signature...) or
     * 403 (a valid token without the role or room), its one-line reason on stderr.
     */
    public static final int UNAUTHORIZED = 6;

    private ExitCodes() {
    }
}
