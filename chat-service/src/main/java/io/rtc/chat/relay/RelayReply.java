package io.rtc.chat.relay;

import java.nio.charset.StandardCharsets;

/** The holder's answer to a forwarded request, as the requesting instance sends it to the client. */
public record RelayReply(int status, String contentType, byte[] body) {

    public RelayReply {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status); // it could not cross the relay
        }
        body = body == null ? new byte[0] : body;
    }

    /** A plain-text answer, mostly for errors: 404 for an unknown connection, 503 to say retry. */
    public static RelayReply of(int status, String text) {
        return new RelayReply(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RelayReply[" + status + " " + contentType + ", " + body.length + " bytes]";
    }
}
