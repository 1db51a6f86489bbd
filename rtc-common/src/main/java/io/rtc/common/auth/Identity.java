package io.rtc.common.auth;

import java.util.List;
import java.util.Set;

/**
 * Who a verified token says the client is: only what the services use, copied out of the token, so a
 * connection keeps a few strings rather than the token and its claims (and never the token itself).
 *
 * @param subject the {@code sub} claim: the user id
 * @param name the display name (the configured claim, else {@code sub})
 * @param roles the configured roles claim
 * @param grants the service's own list claim (chat-service: the rooms), empty when it has none
 * @param expiresAt the token's {@code exp}, in epoch seconds (0: never)
 */
public record Identity(String subject, String name, Set<String> roles, List<String> grants, long expiresAt) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
