package io.rtc.fanout.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.rtc.fanout.config.FanoutConfig;

/** Admin calls ({@code /api/subscriptions}) need {@code Authorization: Bearer <ADMIN_TOKEN>}; with no token set, none passes. */
public class AdminAuth {

    private final byte[] expected;

    public AdminAuth(FanoutConfig config) {
        this.expected = config.adminToken().filter(t -> !t.isBlank())
                .map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(SubscriptionsResource.PATH)) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (expected != null && header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return LogsResource.error(401, expected == null ? "Admin endpoints are disabled: set ADMIN_TOKEN" : "Missing or wrong bearer token")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
