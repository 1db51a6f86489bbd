package io.rtc.fanout.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Small blocking HTTP calls for tests that run against a packaged instance. */
public final class Http {

    public static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    /** Status of a GET, or -1 when nothing answers. */
    public static int status(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Body of a GET, whatever its status; empty when nothing answers. */
    public static String get(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** POST /api/logs with a text body: the response (status and body), or null when nothing answered. */
    public static HttpResponse<String> publish(String baseUrl, String body, String messageId) {
        return publish(baseUrl, body, messageId, null);
    }

    /** The same with {@code Authorization: Bearer <token>} when the token is not null. */
    public static HttpResponse<String> publish(String baseUrl, String body, String messageId, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/logs"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (messageId != null) {
            request.header("Message-Id", messageId);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** POST /api/logs with any content type and raw bytes: the status, or -1 when nothing answered. */
    public static int post(String baseUrl, String contentType, byte[] body) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/logs")).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The archive's newest entries as JSON objects, oldest first. */
    public static JsonArray archive(String baseUrl, int limit) throws IOException, InterruptedException {
        return archive(baseUrl, limit, null);
    }

    /** The same with {@code Authorization: Bearer <token>} when the token is not null. */
    public static JsonArray archive(String baseUrl, int limit, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/logs?limit=" + limit))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/logs answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonArray(response.body());
    }

    public static String id(HttpResponse<String> accepted) {
        return new JsonObject(accepted.body()).getString("id");
    }
}
