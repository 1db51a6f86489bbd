package io.rtc.chat.admin;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.rtc.chat.hub.HubException;
import io.rtc.chat.hub.HubServices;
import io.smallrye.mutiny.Uni;

/**
 * SignalR's Clients.User from the admin API: {@code ReceiveMessage(user, message)} to every connection a
 * signed-in user holds, on every instance.
 */
@Path("/api/users")
public class UsersResource {

    private final HubServices services;

    public UsersResource(HubServices services) {
        this.services = services;
    }

    @POST
    @Path("{user}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> send(@PathParam("user") String user, Broadcast body) {
        if (body == null || body.user() == null || body.message() == null) {
            throw new BadRequestException("Body must be {\"user\": \"...\", \"message\": \"...\"}");
        }
        try {
            return services.hub().sendToUser(user, body.user(), body.message())
                    .replaceWith(Response.accepted().build())
                    .onFailure(HubException.class).recoverWithItem(e -> RoomsResource.problem(503, e.getMessage()));
        } catch (HubException e) {
            return Uni.createFrom().item(RoomsResource.problem(400, e.getMessage()));
        }
    }
}
