package io.rtc.cli.bench.chat;

import io.vertx.core.Future;

/** Opens member connections with one protocol; one instance per run, shared by the event loops. */
interface ChatTransport {

    /** Connects member number {@code member} to {@code url}; call on the loop it should live on. */
    Future<ChatConnection> connect(int member, String url, ChatConnection.Events events);
}
