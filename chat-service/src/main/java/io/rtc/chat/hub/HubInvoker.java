package io.rtc.chat.hub;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rtc.chat.history.ChatMessage;
import io.smallrye.mutiny.Uni;

/**
 * Binds an invocation to a hub method: the name (case-insensitive, as in ASP.NET), the number of
 * arguments and their JSON types. A mismatch is a {@link HubException} for the caller, never a
 * reason to drop the connection.
 */
public final class HubInvoker {

    private static final List<String> METHODS = List.of("JoinRoom", "LeaveRoom", "SendMessage", "GetHistory");

    private final ChatHub hub;

    public HubInvoker(ChatHub hub) {
        this.hub = hub;
    }

    /** Runs the method; the item is the Completion's result (null for none). */
    public Uni<JsonNode> invoke(HubMember member, String target, ArrayNode args) {
        try {
            return switch (target.toLowerCase(Locale.ROOT)) {
                case "joinroom" -> noResult(hub.joinRoom(member, text(target, args, 1, 0, "roomName")));
                case "leaveroom" -> noResult(hub.leaveRoom(member, text(target, args, 1, 0, "roomName")));
                case "sendmessage" -> noResult(hub.sendMessage(member, text(target, args, 3, 0, "roomName"),
                        text(target, args, 3, 1, "userName"), text(target, args, 3, 2, "message")));
                case "gethistory" -> hub.history(member, text(target, args, 2, 0, "roomName"), integer(target, args, 2, 1, "limit"))
                        .map(HubInvoker::toJson);
                default -> throw new HubException("Unknown hub method '" + target + "'. This hub has " + String.join(", ", METHODS) + ".");
            };
        } catch (HubException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private static Uni<JsonNode> noResult(Uni<Void> call) {
        return call.map(done -> null);
    }

    private static String text(String target, ArrayNode args, int count, int index, String name) {
        checkCount(target, args, count);
        JsonNode value = args.get(index);
        if (!value.isTextual()) {
            throw new HubException("Failed to invoke '" + target + "': argument '" + name + "' must be a string, not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT) + ".");
        }
        return value.asText();
    }

    private static int integer(String target, ArrayNode args, int count, int index, String name) {
        checkCount(target, args, count);
        JsonNode value = args.get(index);
        if (!value.canConvertToInt() || !value.isIntegralNumber() && !(value.isNumber() && value.asDouble() == value.asInt())) {
            throw new HubException("Failed to invoke '" + target + "': argument '" + name + "' must be an integer.");
        }
        return value.asInt();
    }

    private static void checkCount(String target, ArrayNode args, int count) {
        if (args.size() != count) {
            throw new HubException("Failed to invoke '" + target + "': it takes " + count + " argument(s), but "
                    + args.size() + " were given.");
        }
    }

    private static JsonNode toJson(List<ChatMessage> messages) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(messages.size());
        for (ChatMessage message : messages) {
            ObjectNode node = array.addObject();
            node.put("id", message.id());
            node.put("user", message.user());
            node.put("message", message.message());
            node.put("timestamp", message.timestamp());
        }
        return array;
    }
}
