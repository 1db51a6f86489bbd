package io.rtc.common.events;

/** An event the outbox accepted, with the message id that each of its sends carries. Loop-confined. */
final class Delivery<E> {

    final E event;
    final String id;
    boolean confirmed;

    Delivery(E event, String id) {
        this.event = event;
        this.id = id;
    }

    /** One send of a delivery: settled once, by its confirm, its refusal or its timeout. */
    static final class Attempt {
        Runnable cancelTimer;
        boolean settled;
    }
}
