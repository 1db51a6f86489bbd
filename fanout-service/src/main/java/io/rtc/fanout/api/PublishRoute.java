package io.rtc.fanout.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.rtc.common.http.BoundedBody;
import io.rtc.common.http.Refuse;
import io.rtc.fanout.auth.Access;
import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.publish.LogPublisher;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/logs} on a plain Vert.x route: the hot path of the service, so it skips what a
 * resource method costs per request (the CDI request context and its security association, filters,
 * content negotiation, Jackson for a one-field answer); BENCHMARKS.md has the profile that showed it.
 * The same checks and answers as every other endpoint: the token ({@link Access}), then the body
 * ({@link PublishRequest}), then 202 once the broker confirmed, 503 with {@code Retry-After} when not.
 */
@Singleton
public class PublishRoute {

    private final Vertx vertx;
    private final Access access;
    private final LogPublisher publisher;
    private final FanoutConfig.Publish config;
    private final String retryAfter;

    public PublishRoute(Vertx vertx, Access access, LogPublisher publisher, FanoutConfig config) {
        this.vertx = vertx;
        this.access = access;
        this.publisher = publisher;
        this.config = config.publish();
        this.retryAfter = Integer.toString(this.config.retryAfterSeconds());
    }

    void routes(@Observes Router router) {
        // before the REST resources, which serve GET on the same path
        router.post(LogsResource.PATH).order(-1).handler(this::publish);
    }

    private void publish(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        // read first (the handler must be set now), then check the token
        BoundedBody.read(request, config.maxBodySize()).onComplete(read -> {
            if (read.failed()) {
                if (read.cause() instanceof BoundedBody.TooLarge) {
                    error(request.response(), 413, "The message is larger than " + config.maxBodySize() + " bytes");
                }
                return; // the connection broke: nobody to answer
            }
            ByteBuf buffer = read.result();
            byte[] body = ByteBufUtil.getBytes(buffer);
            buffer.release();
            access.check(vertx, request, Access.Need.PUBLISH).onComplete(checked -> {
                Access.Verdict verdict = checked.result();
                if (!verdict.allowed()) {
                    refuse(request.response(), verdict);
                } else {
                    publish(request, body, verdict);
                }
            });
        });
    }

    private void publish(HttpServerRequest request, byte[] body, Access.Verdict verdict) {
        PublishRequest checked = PublishRequest.check(request.getHeader(HttpHeaders.CONTENT_TYPE),
                request.getHeader("Message-Id"), body, config.maxBodySize());
        HttpServerResponse response = request.response();
        if (checked.problem() != null) {
            error(response, checked.status(), checked.problem());
            return;
        }
        String publisherId = verdict.identity() == null ? null : verdict.identity().subject();
        publisher.publish(checked.id(), checked.contentType(), checked.body(), publisherId).whenComplete((id, failure) -> {
            if (failure == null) {
                // ids are checked to [A-Za-z0-9._:-] or made here (UUIDs): nothing to escape
                response.setStatusCode(202).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end("{\"id\":\"" + id + "\"}");
            } else {
                response.putHeader(HttpHeaders.RETRY_AFTER, retryAfter);
                error(response, 503, failure.getMessage());
            }
        });
    }

    private static void refuse(HttpServerResponse response, Access.Verdict verdict) {
        if (verdict.status() == 401) {
            response.putHeader("WWW-Authenticate", Refuse.wwwAuthenticate(verdict.problem(), verdict.tokenSent()));
        }
        error(response, verdict.status(), verdict.reason());
    }

    private static void error(HttpServerResponse response, int status, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}
