package io.rtc.chat.admin;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.rtc.chat.hub.HubException;
import io.rtc.chat.hub.HubServices;
import io.rtc.chat.presence.Member;
import io.rtc.chat.presence.RoomSummary;
import io.smallrye.mutiny.Uni;

/** Admin view of the rooms over all instances, and a server-side broadcast into a room. */
@Path("/api/rooms")
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {

    private final HubServices services;

    public RoomsResource(HubServices services) {
        this.services = services;
    }

    @GET
    public Uni<List<RoomSummary>> rooms() {
        return services.presence().rooms();
    }

    @GET
    @Path("{room}/members")
    public Uni<List<Member>> members(@PathParam("room") String room) {
        return services.presence().members(room);
    }

    @POST
    @Path("{room}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> broadcast(@PathParam("room") String room, Broadcast body) {
        if (body == null || body.user() == null || body.message() == null) {
            throw new BadRequestException("Body must be {\"user\": \"...\", \"message\": \"...\"}");
        }
        try {
            return services.hub().sendMessage(room, body.user(), body.message())
                    .replaceWith(Response.accepted().build())
                    .onFailure(HubException.class).recoverWithItem(e -> problem(503, e.getMessage()));
        } catch (HubException e) {
            return Uni.createFrom().item(problem(400, e.getMessage()));
        }
    }

    static Response problem(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message + "\n").build();
    }
}
