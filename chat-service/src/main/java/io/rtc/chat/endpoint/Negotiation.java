package io.rtc.chat.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rtc.chat.protocol.HubProtocol;

/**
 * The negotiate answer. Version 1 separates the public connection id from the secret token the
 * client connects with; version 0 clients connect with the connection id, so there it is the token.
 * Only the WebSockets transport is offered, in both transfer formats.
 */
final class Negotiation {

    private Negotiation() {
    }

    static String answer(int requestedVersion, String connectionId, String token) {
        ObjectNode json = HubProtocol.mapper().createObjectNode();
        if (requestedVersion >= 1) {
            json.put("negotiateVersion", 1);
            json.put("connectionId", connectionId);
            json.put("connectionToken", token);
        } else {
            json.put("connectionId", token);
        }
        ObjectNode websockets = json.putArray("availableTransports").addObject();
        websockets.put("transport", "WebSockets");
        websockets.putArray("transferFormats").add("Text").add("Binary");
        return json.toString();
    }

    static int requestedVersion(String parameter) {
        if (parameter == null) {
            return 0;
        }
        try {
            return Integer.parseInt(parameter);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
