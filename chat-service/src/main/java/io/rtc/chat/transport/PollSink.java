package io.rtc.chat.transport;

import io.netty.buffer.ByteBuf;

/** Where one long poll is answered: the HTTP response here, or the reply to the instance that forwarded it. */
public interface PollSink {

    /** Answers the poll once: 200 with {@code body} (null: empty), or 204 when the connection ended or a newer poll replaced it. */
    void answer(int status, ByteBuf body, boolean binary);

    /** Called with {@code onGone} when the poll's client went away before an answer (a local poll only). */
    default void onGone(Runnable onGone) {
    }
}
