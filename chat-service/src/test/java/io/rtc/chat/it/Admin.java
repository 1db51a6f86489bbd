package io.rtc.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rtc.chat.support.ChatInstance;

/** The admin REST API of a running instance, with the token ChatInstance sets (test-admin-token). */
final class Admin {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Admin() {
    }

    /** The room's member count in GET /api/rooms; -1 when the room is not listed. */
    static int listedCount(ChatInstance instance, String room) throws Exception {
        for (JsonNode entry : get(instance, "/api/rooms")) {
            if (room.equals(entry.get("name").asText())) {
                return entry.get("members").asInt();
            }
        }
        return -1;
    }

    /** GET /api/rooms/{room}/members: each {"connectionId","instance","joinedAt"}. */
    static List<JsonNode> memberNodes(ChatInstance instance, String room) throws Exception {
        List<JsonNode> members = new ArrayList<>();
        get(instance, "/api/rooms/" + URLEncoder.encode(room, StandardCharsets.UTF_8) + "/members").forEach(members::add);
        return members;
    }

    /** The connection ids of GET /api/rooms/{room}/members. */
    static List<String> members(ChatInstance instance, String room) throws Exception {
        List<String> ids = new ArrayList<>();
        memberNodes(instance, room).forEach(m -> ids.add(m.get("connectionId").asText()));
        return ids;
    }

    static JsonNode get(ChatInstance instance, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Authorization", "Bearer test-admin-token").timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
