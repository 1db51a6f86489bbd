package io.rtc.cli.bench.chat;

/**
 * One member of a room: its connection and its ledger of deliveries. Event-loop only; it passes
 * what happens to its shard, which owns the counters.
 */
final class Member implements ChatConnection.Events {

    final int index;
    final int room;
    final String roomName;
    final String user;
    final DeliveryLedger ledger;
    private final ChatShard shard;
    ChatConnection connection;
    boolean joined;

    Member(ChatShard shard, ChatPlan plan, int index) {
        this.shard = shard;
        this.index = index;
        this.room = plan.roomOf(index);
        this.roomName = plan.roomName(room);
        this.user = plan.userName(index);
        this.ledger = new DeliveryLedger(plan.senders());
    }

    /** Joined and still connected: the members that must receive every measured message of the room. */
    boolean listening() {
        return joined && connection != null && connection.isOpen();
    }

    @Override
    public void received(String user, String message) {
        shard.received(this, user, message);
    }

    @Override
    public void closed(String reason) {
        shard.closed(this, reason);
    }
}
