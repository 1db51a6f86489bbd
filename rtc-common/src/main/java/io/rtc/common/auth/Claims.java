package io.rtc.common.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads configurable claims: a name, or a path {@code a/b} into nested objects (as Keycloak's {@code realm_access/roles}). */
final class Claims {

    private Claims() {
    }

    static String text(JsonWebToken jwt, String claim) {
        Object value = find(jwt, claim);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof String || value instanceof Number ? value.toString() : null;
    }

    /** A JSON array of strings, a collection, or a string of space- or comma-separated values; empty when absent. */
    static List<String> list(JsonWebToken jwt, String claim) {
        Object value = find(jwt, claim);
        List<String> values = new ArrayList<>();
        if (value instanceof JsonArray array) {
            array.forEach(item -> add(values, item));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> add(values, item));
        } else if (value != null) {
            add(values, value);
        }
        return values;
    }

    private static void add(List<String> values, Object item) {
        String text = item instanceof JsonString json ? json.getString() : item.toString();
        for (String part : text.split("[\\s,]+")) {
            if (!part.isEmpty()) {
                values.add(part);
            }
        }
    }

    private static Object find(JsonWebToken jwt, String claim) {
        String[] path = claim.split("/");
        Object value = jwt.getClaim(path[0]);
        for (int i = 1; i < path.length && value != null; i++) {
            value = value instanceof JsonObject object && object.get(path[i]) != JsonValue.NULL ? object.get(path[i]) : null;
        }
        return value;
    }
}
