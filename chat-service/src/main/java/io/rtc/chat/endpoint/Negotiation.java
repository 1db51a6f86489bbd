package io.rtc.chat.endpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.rtc.chat.config.ChatConfig;
import io.rtc.chat.transport.Transport;

/**
 * The negotiate answer. Version 1 separates the public connection id from the secret token the
 * client connects with; version 0 clients connect with the connection id, so there it is the token.
 * Lists the transports the configuration allows; Server-Sent Events carry text only, so clients of a
 * binary protocol (MessagePack) skip it by themselves.
 */
final class Negotiation {

    private Negotiation() {
    }

    static String answer(int requestedVersion, String connectionId, String token, ChatConfig config, boolean statefulReconnect) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (requestedVersion >= 1) {
            json.put("negotiateVersion", 1);
            json.put("connectionId", connectionId);
            json.put("connectionToken", token);
        } else {
            json.put("connectionId", token);
        }
        ArrayNode transports = json.putArray("availableTransports");
        ChatConfig.Transports offered = config.transports();
        if (offered.websockets()) {
            offer(transports, Transport.Kind.WEB_SOCKETS, "Text", "Binary");
        }
        if (offered.serverSentEvents()) {
            offer(transports, Transport.Kind.SERVER_SENT_EVENTS, "Text");
        }
        if (offered.longPolling()) {
            offer(transports, Transport.Kind.LONG_POLLING, "Text", "Binary");
        }
        if (statefulReconnect && config.statefulReconnect().enabled()) {
            json.put("useStatefulReconnect", true);
        }
        return json.toString();
    }

    private static void offer(ArrayNode transports, Transport.Kind kind, String... formats) {
        ObjectNode transport = transports.addObject();
        transport.put("transport", kind.wireName());
        ArrayNode list = transport.putArray("transferFormats");
        for (String format : formats) {
            list.add(format);
        }
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
