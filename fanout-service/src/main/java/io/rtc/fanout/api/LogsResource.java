package io.rtc.fanout.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.rtc.common.auth.Identity;
import io.rtc.fanout.archive.ArchiveReader;
import io.rtc.fanout.config.FanoutConfig;
import io.rtc.fanout.publish.LogPublisher;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/logs} publishes a message and answers 202 only once the broker confirmed it;
 * {@code GET /api/logs?limit=N} reads the newest archived messages, oldest first. Who may call them is
 * checked before ({@link ApiAccess}); a publisher that sent a token is named in the message.
 */
@Path("/api/logs")
@Produces(MediaType.APPLICATION_JSON)
public class LogsResource {

    static final int MAX_LIMIT = 100_000;

    private final LogPublisher publisher;
    private final ArchiveReader archive;
    private final FanoutConfig.Publish config;

    public LogsResource(LogPublisher publisher, ArchiveReader archive, FanoutConfig config) {
        this.publisher = publisher;
        this.archive = archive;
        this.config = config.publish();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public CompletionStage<Response> publish(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("Message-Id") String messageId, RoutingContext routing, byte[] body) {
        PublishRequest request = PublishRequest.check(contentType, messageId, body == null ? new byte[0] : body, config.maxBodySize());
        if (request.problem() != null) {
            return CompletableFuture.completedFuture(error(request.status(), request.problem()).build());
        }
        Identity identity = routing.get(ApiAccess.IDENTITY);
        return publisher.publish(request.id(), request.contentType(), request.body(), identity == null ? null : identity.subject())
                .handle((id, failure) -> failure == null ? Response.accepted(new Published(id)).build()
                        : error(503, failure.getMessage()).header(HttpHeaders.RETRY_AFTER, config.retryAfterSeconds()).build());
    }

    @GET
    @Blocking
    public Response newest(@QueryParam("limit") @DefaultValue("100") String limitParam) {
        int limit;
        try {
            limit = Integer.parseInt(limitParam);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return error(400, "limit must be a number from 1 to " + MAX_LIMIT).build();
        }
        // the archive's lines are JSON objects already: joined, not parsed and written again
        List<String> newest = archive.newest(limit);
        return Response.ok("[" + String.join(",", newest) + "]", MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response.ResponseBuilder error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message));
    }
}
