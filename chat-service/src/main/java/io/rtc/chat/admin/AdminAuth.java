package io.rtc.chat.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.rtc.chat.metrics.ChatMetrics;
import io.rtc.common.auth.AdminAccess;
import io.rtc.common.limits.Refusals;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Every /api call needs {@code Authorization: Bearer <ADMIN_TOKEN>} or a JWT with the admin role
 * ({@code chat.auth.admin-role}); 401 without either, 403 for a JWT without the role.
 */
public class AdminAuth {

    private final AdminAccess access;
    private final ChatMetrics metrics;
    private final Vertx vertx;

    public AdminAuth(AdminAccess access, ChatMetrics metrics, Vertx vertx) {
        this.access = access;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    @ServerRequestFilter
    public Uni<Response> check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().completionStage(access.check(vertx, request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .toCompletionStage()).map(decision -> {
                    if (decision.allowed()) {
                        return null;
                    }
                    metrics.refused(decision.status() == 401 ? Refusals.UNAUTHENTICATED : Refusals.FORBIDDEN);
                    Response.ResponseBuilder response = Response.status(decision.status()).type(MediaType.TEXT_PLAIN)
                            .entity(decision.reason() + "\n");
                    return decision.status() == 401 ? response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build() : response.build();
                });
    }
}
