package io.rtc.fanout.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.rtc.common.auth.AdminAccess;
import io.rtc.common.auth.AuthException;
import io.rtc.common.auth.Credentials;
import io.rtc.common.http.Refuse;
import io.rtc.common.limits.Refusals;
import io.rtc.fanout.auth.Access;
import io.rtc.fanout.metrics.FanoutMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The access checks of the REST resources: {@code GET /api/logs} needs the subscriber role (when auth is
 * required, see {@link Access}); {@code /api/subscriptions} needs {@code ADMIN_TOKEN} or a JWT with the admin
 * role ({@link AdminAccess}, in every mode). A refusal is a JSON {@code {"error"}} like the others, a 401 with
 * {@code WWW-Authenticate: Bearer}. {@code POST /api/logs} makes the same check itself ({@link PublishRoute}).
 */
public class ApiAccess {

    private final Vertx vertx;
    private final Access access;
    private final AdminAccess admin;
    private final FanoutMetrics metrics;

    public ApiAccess(Vertx vertx, Access access, AdminAccess admin, FanoutMetrics metrics) {
        this.vertx = vertx;
        this.access = access;
        this.admin = admin;
        this.metrics = metrics;
    }

    @ServerRequestFilter
    public Uni<Response> check(SimpleResourceInfo resource, RoutingContext routing) {
        Class<?> type = resource.getResourceClass();
        if (type == SubscriptionsResource.class) {
            return admin(routing);
        }
        if (type != LogsResource.class) {
            return Uni.createFrom().nullItem();
        }
        return uni(access.check(vertx, routing.request(), Access.Need.SUBSCRIBE)).map(verdict -> {
            if (verdict.allowed()) {
                return null;
            }
            return refusal(verdict.status(), verdict.reason(), verdict.tokenSent());
        });
    }

    private Uni<Response> admin(RoutingContext routing) {
        String header = routing.request().getHeader(HttpHeaders.AUTHORIZATION);
        return uni(admin.check(vertx, header)).map(decision -> {
            if (decision.allowed()) {
                return null;
            }
            metrics.refusedRequest(decision.status() == 403 ? Refusals.FORBIDDEN : Refusals.UNAUTHENTICATED);
            return refusal(decision.status(), decision.reason(), Credentials.bearer(header) != null);
        });
    }

    private static Response refusal(int status, String reason, boolean tokenSent) {
        Response.ResponseBuilder response = LogsResource.error(status, reason);
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, Refuse.wwwAuthenticate(new AuthException(reason), tokenSent));
        }
        return response.build();
    }

    private static <T> Uni<T> uni(Future<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage());
    }
}
