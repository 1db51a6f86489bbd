package io.rtc.chat.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.rtc.chat.config.ChatConfig;

/** Every /api call needs {@code Authorization: Bearer <ADMIN_TOKEN>}; with no token configured, none passes. */
public class AdminAuth {

    private final byte[] expected;

    public AdminAuth(ChatConfig config) {
        this.expected = config.adminToken().filter(t -> !t.isBlank())
                .map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (expected != null && header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.TEXT_PLAIN)
                .entity(expected == null ? "Admin endpoints are disabled: set ADMIN_TOKEN\n" : "Missing or wrong bearer token\n")
                .build();
    }
}
