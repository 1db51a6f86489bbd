package io.rtc.fanout.api;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.rtc.fanout.archive.ArchiveReader;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /api/logs?limit=N} reads the newest archived messages, oldest first; who may is checked before
 * ({@link ApiAccess}). {@code POST} on the same path is {@link PublishRoute}.
 */
@Path(LogsResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class LogsResource {

    static final String PATH = "/api/logs";
    static final int MAX_LIMIT = 100_000;

    private final ArchiveReader archive;

    public LogsResource(ArchiveReader archive) {
        this.archive = archive;
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
