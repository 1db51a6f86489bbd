package io.rtc.cli.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** The three ways {@link TestChatHub} writes to a client, as an ASP.NET Core hub does. */
final class HubDownlinks {

    private HubDownlinks() {
    }

    /** Text frames for JSON, binary frames for MessagePack. */
    record WebSocket(ServerWebSocket ws) implements HubPeer.Downlink {

        @Override
        public void write(Buffer bytes, boolean binary) {
            if (binary) {
                ws.writeBinaryMessage(bytes);
            } else {
                ws.writeTextMessage(bytes.toString(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void end() {
            ws.close();
        }
    }

    /** Each write one event: a {@code data:} line per line of the text, then an empty line. */
    record EventStream(HttpServerResponse response) implements HubPeer.Downlink {

        EventStream {
            response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
            // A comment first, as a keep-alive would be: clients must skip it.
            response.write(":\r\n");
        }

        @Override
        public void write(Buffer bytes, boolean binary) {
            StringBuilder event = new StringBuilder();
            for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n", -1)) {
                event.append("data: ").append(line).append("\r\n");
            }
            response.write(event.append("\r\n").toString());
        }

        @Override
        public void end() {
            if (!response.ended()) {
                response.end();
            }
        }
    }

    /**
     * What is written waits for the next poll, which gets all of it; a poll with nothing to give is held
     * until something comes or {@code holdMillis} pass (then 200 empty, the client polls again). The first
     * poll is answered at once; a poll while one is held ends the held one with 204; once ended, polls get 204.
     */
    static final class Polls implements HubPeer.Downlink {

        private final Vertx vertx;
        private final long holdMillis;
        private final AtomicInteger emptyAnswers;
        private Buffer waiting = Buffer.buffer();
        private HttpServerRequest held;
        private long holdTimer = -1;
        private boolean polled;
        private boolean ended;

        Polls(Vertx vertx, long holdMillis, AtomicInteger emptyAnswers) {
            this.vertx = vertx;
            this.holdMillis = holdMillis;
            this.emptyAnswers = emptyAnswers;
        }

        void poll(HttpServerRequest request) {
            if (held != null) {
                answer(held, 204, Buffer.buffer());
            }
            if (!polled) {
                polled = true;
                answer(request, 200, Buffer.buffer());
            } else if (waiting.length() > 0) {
                answer(request, 200, waiting);
                waiting = Buffer.buffer();
            } else if (ended) {
                answer(request, 204, Buffer.buffer());
            } else {
                held = request;
                holdTimer = vertx.setTimer(holdMillis, id -> {
                    emptyAnswers.incrementAndGet();
                    answer(request, 200, Buffer.buffer());
                });
            }
        }

        @Override
        public void write(Buffer bytes, boolean binary) {
            waiting.appendBuffer(bytes);
            if (held != null) {
                answer(held, 200, waiting);
                waiting = Buffer.buffer();
            }
        }

        @Override
        public void end() {
            ended = true;
            if (held != null && waiting.length() == 0) {
                answer(held, 204, Buffer.buffer());
            }
        }

        private void answer(HttpServerRequest request, int status, Buffer body) {
            if (request == held) {
                held = null;
                vertx.cancelTimer(holdTimer);
            }
            request.response().setStatusCode(status).putHeader("Content-Type", "application/octet-stream").end(body);
        }
    }
}
