package io.rtc.chat.transport;

/**
 * What the three transports share: the session they report to, and the one report of their end, however
 * it comes (the client, the network, the server's own end, a write that found the connection gone).
 */
abstract class EndingTransport implements Transport {

    private TransportListener listener;
    private boolean closed;

    /** Reports to {@code listener} from now on. */
    final void listen(TransportListener listener) {
        this.listener = listener;
    }

    final TransportListener listener() {
        return listener;
    }

    /** Reports the end once; the listener may be missing when the transport ended before a session took it. */
    final void ended() {
        if (!closed) {
            closed = true;
            released();
            if (listener != null) {
                listener.closed(this);
            }
        }
    }

    /** Lets go of what the transport holds, once, at its end. */
    void released() {
    }

    final boolean closed() {
        return closed;
    }
}
