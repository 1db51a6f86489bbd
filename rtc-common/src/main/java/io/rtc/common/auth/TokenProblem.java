package io.rtc.common.auth;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Turns smallrye-jwt's failure into a one-line reason for the client. jose4j's own messages quote the
 * token's claims, which must reach neither the client nor the log, so only its error codes are read.
 */
final class TokenProblem {

    private TokenProblem() {
    }

    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid) {
                if (invalid.hasExpired()) {
                    return "Invalid token: it has expired";
                }
                if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
                    return "Invalid token: it is not valid yet (nbf)";
                }
                if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                    return "Invalid token: wrong issuer";
                }
                if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
                    return "Invalid token: wrong audience";
                }
                if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
                    return "Invalid token: bad signature";
                }
                if (invalid.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
                    return "Invalid token: it has no expiry (exp)";
                }
                return "Invalid token: it cannot be verified";
            }
        }
        return "Invalid token: it cannot be verified (bad signature, wrong algorithm or not a JWT)";
    }
}
